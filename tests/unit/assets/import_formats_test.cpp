#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "assets/floor_detection.h"
#include "assets/model_import.h"
#include "model_checks.h"
#include "test_paths.h"

using namespace pt::assets;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> filesWithExtension(const fs::path& dir, const char* extension) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == extension) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("Every OBJ and FBX model loads", "[assets][obj][fbx]") {
    const fs::path models = pt::test::sharedDataOrSkip() / "models";
    std::vector<fs::path> files = filesWithExtension(models / "obj", ".obj");
    const std::vector<fs::path> fbx = filesWithExtension(models / "fbx", ".fbx");
    files.insert(files.end(), fbx.begin(), fbx.end());
    REQUIRE(files.size() >= 6);
    for (const fs::path& file : files) {
        pt::Result<ImportedModel> model = importModel(file);
        INFO(file.string() << ": " << (model ? "ok" : model.error().message));
        REQUIRE(model.ok());
        pt::assets::test::requireSaneModel(*model);
        CHECK(model->triangleCount > 0);
    }
}

TEST_CASE("spider.obj finds its textures beside it", "[assets][obj]") {
    const fs::path path = pt::test::sharedDataOrSkip() / "models" / "obj" / "spider.obj";
    pt::Result<ImportedModel> model = importModel(path);
    REQUIRE(model.ok());
    CHECK(model->textures.size() >= 4);
    for (const Texture& texture : model->textures)
        CHECK(!texture.pixels.empty());
}

TEST_CASE("FBX unit scale comes from UnitScaleFactor", "[assets][fbx]") {
    const fs::path path = pt::test::sharedDataOrSkip() / "models" / "fbx" / "spider.fbx";
    pt::Result<ImportedModel> model = importModel(path);
    REQUIRE(model.ok());
    CHECK(model->unitScale == Approx(0.01f));  // UnitScaleFactor 1 = centimetres
    ImportOptions raw;
    raw.unitScaleOverride = 1.0f;
    pt::Result<ImportedModel> unscaled = importModel(path, raw);
    REQUIRE(unscaled.ok());
    CHECK(unscaled->worldBounds.size().y == Approx(model->worldBounds.size().y * 100.0f));
}

TEST_CASE("The IFC house is a Y-up, metre-sized house with two storeys", "[assets][ifc]") {
    const fs::path path = pt::test::sharedDataOrSkip() / "models" / "ifc" / "AC14-FZK-Haus.ifc";
    pt::Result<ImportedModel> model = importModel(path);
    INFO((model ? "ok" : model.error().message));
    REQUIRE(model.ok());
    pt::assets::test::requireSaneModel(*model);
    CHECK(model->upAxisConverted);
    CHECK(model->unitScale == Approx(1.0f));
    const glm::vec3 size = model->worldBounds.size();
    // A family house: about 12 x 10 m with garden/terrace, 5-9 m to the ridge.
    CHECK(size.x > 8.0f);
    CHECK(size.x < 30.0f);
    CHECK(size.z > 8.0f);
    CHECK(size.z < 30.0f);
    CHECK(size.y > 5.0f);
    CHECK(size.y < 10.0f);
    CHECK(model->triangleCount > 25000);

    const FloorDetection floors = detectFloors(*model);
    CHECK(floors.source == FloorSource::IfcStoreys);
    REQUIRE(floors.floors.size() == 2);
    const DetectedFloor& ground = floors.floors[0];
    const DetectedFloor& upper = floors.floors[1];
    CHECK(ground.number == 1);
    CHECK(ground.name == "Erdgeschoss");
    CHECK(ground.elevation == Approx(0.0f).margin(0.3));
    CHECK(upper.number == 2);
    CHECK(upper.name == "Dachgeschoss");
    CHECK(upper.elevation - ground.elevation > 2.5f);
    CHECK(upper.elevation - ground.elevation < 3.5f);
    CHECK(ground.height == Approx(upper.elevation - ground.elevation));
    CHECK(upper.height > 2.0f);
    for (const DetectedFloor& floor : floors.floors) {
        REQUIRE(floor.nodes.size() == 1);
        CHECK_THAT(model->nodes[floor.nodes[0]].name, Catch::StartsWith("IfcBuildingStorey_"));
    }
}

TEST_CASE("Bad geometry is dropped or repaired with warnings", "[assets][sanitize]") {
    const fs::path path = pt::test::scratchDir("bad_geometry") / "bad.obj";
    {
        std::ofstream obj(path);
        obj << "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 1 1 0\nv 2 2 0\nv inf 0 0\nv 3 3 0\n"
               "vn 0 0 0\n"
               "f 1//1 2//1 3//1\n"   // fine, but zero normals: rebuilt
               "f 2//1 4//1 3//1\n"   // fine
               "f 1//1 4//1 5//1\n"   // collinear: zero area
               "f 1//1 2//1 6//1\n"   // infinite corner
               "f 1//1 5//1 7//1\n";  // collinear again
    }
    pt::Result<ImportedModel> model = importModel(path);
    INFO((model ? "ok" : model.error().message));
    REQUIRE(model.ok());
    pt::assets::test::requireSaneModel(*model);
    CHECK(model->triangleCount == 2);
    CHECK(model->worldBounds.max.x == Approx(1.0f));  // nothing of the dropped faces remains
    std::string all;
    for (const std::string& warning : model->warnings)
        all += warning + "\n";
    INFO(all);
    CHECK_THAT(all, Catch::Contains("bad.obj"));
    CHECK_THAT(all, Catch::Contains("degenerate") || Catch::Contains("NaN/Inf vertex position"));
}

TEST_CASE("Far-from-origin coordinates are rebased and the offset recorded", "[assets]") {
    const fs::path path = pt::test::scratchDir("far_away") / "far.obj";
    {
        std::ofstream obj(path);
        obj << "v 500000 10 4000000\nv 500001 10 4000000\nv 500000 11 4000000\nf 1 2 3\n";
    }
    pt::Result<ImportedModel> model = importModel(path);
    REQUIRE(model.ok());
    CHECK(model->rebaseOffset.x == Approx(500000.5));
    CHECK(model->rebaseOffset.y == 0.0);  // 10 m is not far
    CHECK(model->rebaseOffset.z == Approx(4000000.0));
    CHECK(std::abs(model->worldBounds.center().x) < 1.0f);
    CHECK(std::abs(model->worldBounds.center().z) < 1.0f);
}
