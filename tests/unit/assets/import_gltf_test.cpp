#include <catch2/catch.hpp>

#include <filesystem>

#include "assets/model_import.h"
#include "assets/model_serialization.h"
#include "model_checks.h"
#include "test_paths.h"

using namespace pt::assets;
namespace fs = std::filesystem;

namespace {

fs::path gltf(const char* relative) {
    return pt::test::sharedDataOrSkip() / "models" / "gltf" / relative;
}

ImportedModel load(const fs::path& path, const ImportOptions& options = {}) {
    pt::Result<ImportedModel> model = importModel(path, options);
    INFO(path.string() << ": " << (model ? "ok" : model.error().message));
    REQUIRE(model.ok());
    pt::assets::test::requireSaneModel(*model);
    return std::move(*model);
}

}  // namespace

TEST_CASE("BoxTextured .gltf loads with its decoded base-colour texture", "[assets][gltf]") {
    const ImportedModel model = load(gltf("BoxTextured-glTF/BoxTextured.gltf"));
    REQUIRE(model.meshes.size() == 1);
    CHECK(model.triangleCount == 12);
    const Mesh& mesh = model.meshes[0];
    REQUIRE(mesh.material != kNone);
    REQUIRE(mesh.uv0.size() == mesh.positions.size());
    const Material& material = model.materials[mesh.material];
    REQUIRE(material.baseColorTexture != kNone);
    const Texture& texture = model.textures[material.baseColorTexture];
    CHECK(texture.source == "CesiumLogoFlat.png");
    CHECK(texture.srgb);
    CHECK(texture.width > 0);
    CHECK(texture.height > 0);
    CHECK(texture.pixels.size() == size_t(texture.width) * texture.height * 4);
    CHECK(model.warnings.empty());
    // A unit cube centred on the origin.
    CHECK(model.worldBounds.size().x == Approx(1.0f));
    CHECK(model.worldBounds.center().y == Approx(0.0f).margin(1e-5));
}

TEST_CASE("BoxTextured .gltf and .glb give identical models", "[assets][gltf]") {
    ImportedModel text = load(gltf("BoxTextured-glTF/BoxTextured.gltf"));
    ImportedModel binary = load(gltf("BoxTextured-glTF-Binary/BoxTextured.glb"));
    REQUIRE(binary.textures.size() == 1);
    // The GLB embeds the image; only the name it is known by may differ.
    text.sourcePath = binary.sourcePath = fs::path();
    text.textures[0].source = binary.textures[0].source = std::string();
    CHECK(serializeModel(text) == serializeModel(binary));
}

TEST_CASE("BoxBadNormals gets finite, unit-length normals", "[assets][gltf]") {
    const ImportedModel model = load(gltf("BoxBadNormals-glTF-Binary/BoxBadNormals.glb"));
    size_t normals = 0;
    for (const Mesh& mesh : model.meshes)
        normals += mesh.normals.size();
    CHECK(normals > 0);  // requireSaneModel checked each one
}

TEST_CASE("2CylinderEngine keeps its hierarchy, units can be overridden", "[assets][gltf]") {
    const fs::path path = gltf("2CylinderEngine-glTF-Binary/2CylinderEngine.glb");
    const ImportedModel model = load(path);
    CHECK(model.nodes.size() > 50);
    size_t maxDepth = 0;
    for (const Node& node : model.nodes) {
        size_t depth = 0;
        for (uint32_t p = node.parent; p != kNone; p = model.nodes[p].parent)
            ++depth;
        maxDepth = std::max(maxDepth, depth);
    }
    CHECK(maxDepth >= 3);
    CHECK(model.unitScale == 1.0f);  // glTF says metres; the file is really in millimetres
    const float widthAsMetres = model.worldBounds.size().x;
    CHECK(widthAsMetres > 100.0f);
    ImportOptions mm;
    mm.unitScaleOverride = 0.001f;
    const ImportedModel scaled = load(path, mm);
    CHECK(scaled.unitScale == 0.001f);
    CHECK(scaled.worldBounds.size().x == Approx(widthAsMetres * 0.001f).epsilon(1e-4));
    CHECK(scaled.triangleCount == model.triangleCount);
}

TEST_CASE("Cameras.gltf loads and offers its cameras", "[assets][gltf]") {
    const ImportedModel model = load(gltf("cameras/Cameras.gltf"));
    REQUIRE(model.cameras.size() == 2);
    for (const Camera& camera : model.cameras) {
        REQUIRE(camera.node < model.nodes.size());
        CHECK(camera.verticalFovRadians > 0.0f);
        CHECK(camera.zNear > 0.0f);
    }
}

TEST_CASE("A missing texture is a warning naming it, the model still loads", "[assets][gltf]") {
    const fs::path dir = pt::test::scratchDir("missing_texture");
    const fs::path source = gltf("BoxTextured-glTF");
    fs::copy_file(source / "BoxTextured.gltf", dir / "BoxTextured.gltf");
    fs::copy_file(source / "BoxTextured0.bin", dir / "BoxTextured0.bin");
    const ImportedModel model = load(dir / "BoxTextured.gltf");
    CHECK(model.textures.empty());
    REQUIRE(model.warnings.size() == 1);
    CHECK_THAT(model.warnings[0],
               Catch::Contains("CesiumLogoFlat.png") && Catch::Contains("not found"));
}

TEST_CASE("Unsupported extensions and missing files are clear errors", "[assets]") {
    const fs::path dir = pt::test::scratchDir("unsupported");
    const auto error = [](const fs::path& path) {
        pt::Result<ImportedModel> model = importModel(path);
        REQUIRE_FALSE(model.ok());
        return model.error().message;
    };
    CHECK_THAT(error(dir / "site.dwg"), Catch::StartsWith("site.dwg: unsupported format '.dwg'"));
    CHECK_THAT(error(dir / "nothing.glb"), Catch::StartsWith("nothing.glb: file not found"));
    CHECK(isSupportedModelExtension("A.GLB"));
    CHECK_FALSE(isSupportedModelExtension("a.3ds"));
}
