#include <catch2/catch.hpp>

#include "assets/model_serialization.h"

using namespace pt::assets;

namespace {

// Two nodes, one triangle with a material and a 1x1 texture: every kind of reference once.
ImportedModel smallModel() {
    ImportedModel model;
    model.sourcePath = "small.glb";
    Mesh mesh{.name = "tri"};
    mesh.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    mesh.normals = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
    mesh.indices = {0, 1, 2};
    mesh.material = 0;
    model.meshes.push_back(mesh);
    model.materials.push_back(Material{.name = "red", .baseColorTexture = 0});
    model.textures.push_back(
        Texture{.source = "*0", .width = 1, .height = 1, .pixels = {255, 0, 0, 255}, .srgb = true});
    model.nodes.push_back(Node{.name = "root", .children = {1}});
    model.nodes.push_back(
        Node{.name = "child", .parent = 0, .meshes = {0}, .metadata = {{"IfcGuid", "abc"}}});
    model.cameras.push_back(Camera{.name = "cam", .node = 1});
    model.triangleCount = 1;
    model.rebaseOffset = {1.0, 2.0, 3.0};
    model.warnings = {"small.glb: something"};
    return model;
}

}  // namespace

TEST_CASE("A model survives serialisation unchanged", "[assets][serialization]") {
    const ImportedModel model = smallModel();
    const std::vector<std::byte> bytes = serializeModel(model);
    pt::Result<ImportedModel> back = deserializeModel(bytes, "small.glb");
    REQUIRE(back.ok());
    CHECK(serializeModel(*back) == bytes);
    CHECK(back->nodes[1].metadata[0].second == "abc");
    CHECK(back->rebaseOffset.z == 3.0);
    CHECK(back->warnings == model.warnings);
}

TEST_CASE("Every truncation of a serialised model is rejected", "[assets][serialization]") {
    const std::vector<std::byte> bytes = serializeModel(smallModel());
    for (size_t size = 0; size < bytes.size(); ++size) {
        pt::Result<ImportedModel> back = deserializeModel({bytes.data(), size}, "small.glb");
        REQUIRE_FALSE(back.ok());
        CHECK_THAT(back.error().message, Catch::StartsWith("small.glb: "));
    }
}

TEST_CASE("Corrupted bytes never crash and broken references are caught",
          "[assets][serialization]") {
    const std::vector<std::byte> bytes = serializeModel(smallModel());
    // Flip every byte in turn: the result must be an error or a model that validates.
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::vector<std::byte> corrupt = bytes;
        corrupt[i] ^= std::byte{0xA5};
        pt::Result<ImportedModel> back = deserializeModel(corrupt, "small.glb");
        if (back) REQUIRE(validateModel(*back, "small.glb").ok());
    }
    ImportedModel bad = smallModel();
    bad.meshes[0].indices[2] = 7;
    CHECK_FALSE(deserializeModel(serializeModel(bad), "small.glb").ok());
    bad = smallModel();
    bad.nodes[1].parent = 1;
    CHECK_FALSE(deserializeModel(serializeModel(bad), "small.glb").ok());
    bad = smallModel();
    bad.materials[0].normalTexture = 3;
    CHECK_FALSE(deserializeModel(serializeModel(bad), "small.glb").ok());
}
