#pragma once
// Checks shared by the asset tests: what every ImportedModel must satisfy, whatever the file.
#include <catch2/catch.hpp>

#include <cmath>

#include "assets/imported_model.h"
#include "assets/model_serialization.h"

namespace pt::assets::test {

inline bool isFinite(const glm::vec3& v) {
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

// No NaN/Inf anywhere a shader would read, unit normals, all references valid.
inline void requireSaneModel(const ImportedModel& model) {
    const Result<void> valid = validateModel(model, model.sourcePath.filename().string());
    INFO((valid ? std::string("valid") : valid.error().message));
    REQUIRE(valid.ok());
    REQUIRE(!model.worldBounds.empty());
    for (const Mesh& mesh : model.meshes) {
        REQUIRE(!mesh.indices.empty());
        for (const glm::vec3& p : mesh.positions)
            REQUIRE(isFinite(p));
        for (const glm::vec3& n : mesh.normals) {
            REQUIRE(isFinite(n));
            REQUIRE(std::abs(glm::length(n) - 1.0f) < 1e-3f);
        }
    }
}

}  // namespace pt::assets::test
