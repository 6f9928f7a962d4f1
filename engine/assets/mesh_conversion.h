#pragma once
// Internal to pt_assets: one aiMesh -> one Mesh, treating everything in it as untrusted.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assets/imported_model.h"

struct aiMesh;

namespace pt::assets {

// Copies the triangles of `source` that are sound: faces with out-of-range indices, non-finite
// positions or zero area are dropped, unused vertices are removed, non-finite or zero normals are
// rebuilt from the surrounding faces and all normals are made unit length. Each kind of repair
// adds one line to `warnings` (prefixed with `fileLabel`). Returns nullopt when no triangle is
// left (also warned).
std::optional<Mesh> convertMesh(const aiMesh& source, uint32_t materialCount,
                                std::string_view fileLabel, std::vector<std::string>& warnings);

}  // namespace pt::assets
