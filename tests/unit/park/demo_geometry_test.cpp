// The demo park's GLB output (tools/, linked in by tools/CMakeLists.txt).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "building_mesh.h"
#include "core/file_io.h"
#include "demo_park_writer.h"
#include "glb_writer.h"
#include "mesh_builder.h"
#include "park/demo_park.h"
#include "park/manifest.h"
#include "site_mesh.h"
#include "test_paths.h"

using namespace pt;
using namespace pt::park;

namespace {

nlohmann::json glbJson(const std::vector<std::byte>& bytes) {
    auto text = tools::readGlbJson(bytes);
    if (!text) FAIL(text.error().message);
    return nlohmann::json::parse(*text);
}

std::set<std::string> nodeNames(const nlohmann::json& gltf) {
    std::set<std::string> names;
    for (const auto& node : gltf["nodes"])
        names.insert(node["name"].get<std::string>());
    return names;
}

}  // namespace

TEST_CASE("GLB writer emits a valid header, JSON and BIN chunk", "[park][glb]") {
    tools::GlbBuilder glb;
    const auto glass = glb.addMaterial({.name = "glass",
                                        .baseColor = {0.3f, 0.5f, 0.6f, 0.4f},
                                        .emissive = {0.1f, 0.0f, 0.0f},
                                        .blend = true});
    tools::MeshBuilder mesh;
    mesh.box(glass, {0, 0, 0}, {1, 2, 3});
    const auto node =
        glb.addNode({.name = "gm/A3", .translation = {1, 2, 3}, .primitives = mesh.take()});
    glb.addRoot(node);
    CHECK(glb.triangleCount() == 12);
    const std::vector<std::byte> bytes = glb.build();
    REQUIRE(bytes.size() % 4 == 0);
    const auto gltf = glbJson(bytes);
    CHECK(gltf["asset"]["version"] == "2.0");
    CHECK(gltf["nodes"][0]["name"] == "gm/A3");
    CHECK(gltf["materials"][0]["alphaMode"] == "BLEND");
    CHECK(gltf["materials"][0]["emissiveFactor"][0] == Approx(0.1));
    const auto& prim = gltf["meshes"][0]["primitives"][0];
    const auto& positions = gltf["accessors"][prim["attributes"]["POSITION"].get<int>()];
    CHECK(positions["count"] == 24);
    CHECK(positions["max"][1] == Approx(2.0));
    CHECK(gltf["accessors"][prim["indices"].get<int>()]["count"] == 36);
    // BIN chunk holds everything the buffer views point at.
    const std::size_t binLength = gltf["buffers"][0]["byteLength"];
    for (const auto& view : gltf["bufferViews"])
        CHECK(view["byteOffset"].get<std::size_t>() + view["byteLength"].get<std::size_t>() <=
              binLength);
    std::vector<std::byte> corrupt = bytes;
    corrupt[0] = std::byte{'x'};
    CHECK_FALSE(tools::readGlbJson(corrupt).ok());
    corrupt = bytes;
    corrupt.pop_back();
    CHECK_FALSE(tools::readGlbJson(corrupt).ok());
}

TEST_CASE("building GLB nodes are named by floor and unit entity ids", "[park][glb]") {
    const Portfolio p = makeDemoPortfolio(3);
    const EntityIndex building = *p.findEntity("gm/A2");
    const auto gltf = glbJson(tools::buildingGlb(p, building).build());
    const auto names = nodeNames(gltf);
    std::size_t expected = 1;  // the building node itself
    CHECK(names.count("gm/A2") == 1);
    for (EntityIndex floor : p.children(building)) {
        if (p.entity(floor).kind != EntityKind::Floor) continue;
        ++expected;
        const std::string& id = p.entity(floor).id;
        CHECK(names.count(id) == 1);
        // Levels of detail: storeys above ground have an interior drawn near and a facade
        // stand-in drawn far; basements are the same at every distance.
        const bool aboveGround = p.floor(floor).number >= 0;
        CHECK(names.count(id + "#lod-near") == (aboveGround ? 1u : 0u));
        CHECK(names.count(id + "#lod-far") == (aboveGround ? 1u : 0u));
        expected += aboveGround ? 2 : 0;
        for (EntityIndex unit : p.children(floor)) {
            expected += 3;  // the unit, its box (near) and its window panel (far)
            CHECK(names.count(p.entity(unit).id) == 1);
            CHECK(names.count(p.entity(unit).id + "#lod-near") == 1);
            CHECK(names.count(p.entity(unit).id + "#lod-far") == 1);
        }
    }
    CHECK(names.size() == expected);
    // Glass is blended; floors sit at their elevations.
    bool hasBlend = false;
    for (const auto& m : gltf["materials"])
        hasBlend |= m.value("alphaMode", "") == "BLEND";
    CHECK(hasBlend);
    for (const auto& node : gltf["nodes"]) {
        const Floor* floor = p.findFloor(node["name"].get<std::string>());
        if (floor && floor->elevation != 0.0f)
            CHECK(node["translation"][1].get<float>() == Approx(floor->elevation));
    }
}

TEST_CASE("site GLB has a node per charger, pad and drone", "[park][glb]") {
    const Portfolio p = makeDemoPortfolio(3);
    const auto names = nodeNames(glbJson(tools::siteGlb(p, *p.findEntity("gm")).build()));
    CHECK(names.count("gm/ev/P1") == 1);
    std::size_t chargers = 0;
    for (const std::string& name : names)
        chargers += name.rfind("gm/ev/P1/C", 0) == 0;
    CHECK(chargers == 48);
    CHECK(names.count("gm/pad/A1") == 1);
    CHECK(names.count("gm/drone/D01") == 1);
    for (const std::string& name : names)
        CHECK((p.findEntity(name).has_value() || name.find(':') != std::string::npos));
}

TEST_CASE("generated demo park folder is complete, loadable and deterministic", "[park][glb]") {
    const auto dirA = test::scratchDir("demo_park_a");
    const auto dirB = test::scratchDir("demo_park_b");
    const auto dirC = test::scratchDir("demo_park_c");
    auto stats = tools::writeDemoPark(11, dirA);
    if (!stats) FAIL(stats.error().message);
    REQUIRE(tools::writeDemoPark(11, dirB).ok());
    REQUIRE(tools::writeDemoPark(12, dirC).ok());
    CHECK(stats->triangles > 50'000);
    CHECK(stats->triangles < 1'500'000);

    auto portfolio = loadManifest(dirA / "manifest.json");
    if (!portfolio) FAIL(portfolio.error().message);
    std::size_t models = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dirA / "models")) {
        ++models;
        const auto name = entry.path().filename();
        const auto a = readBinaryFile(dirA / "models" / name);
        const auto b = readBinaryFile(dirB / "models" / name);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CAPTURE(name.string());
        CHECK(*a == *b);
        CHECK(tools::readGlbJson(*a).ok());
    }
    CHECK(models == stats->glbFiles);
    for (EntityIndex b : portfolio->ofKind(EntityKind::Building))
        CHECK(std::filesystem::exists(
            resolveModelPath(dirA / "manifest.json", portfolio->building(b).models.front())));
    CHECK(*readTextFile(dirA / "manifest.json") == *readTextFile(dirB / "manifest.json"));
    CHECK(*readTextFile(dirA / "manifest.json") != *readTextFile(dirC / "manifest.json"));
    CHECK(*readBinaryFile(dirA / "models" / "gm_A1.glb") !=
          *readBinaryFile(dirC / "models" / "gm_A1.glb"));
}
