#include <catch2/catch.hpp>

#include <fstream>

#include "core/file_io.h"
#include "park/demo_park.h"
#include "park/manifest.h"
#include "test_paths.h"

using namespace pt::park;

namespace {

// A small valid manifest; error tests change one thing in it.
const std::string kValid = R"({
  "format": "parktwin-manifest",
  "version": 1,
  "name": "Test",
  "parks": [{
    "id": "gm", "name": "光明",
    "geoOrigin": {"lat": 22.76, "lon": 113.93, "alt": 45},
    "buildings": [{
      "id": "gm/A3", "name": "A3栋", "use": "Factory",
      "position": [10, 0, -20], "rotationDeg": 15,
      "footprint": [[-40, -15], [40, -15], [40, 15], [-40, 15]],
      "models": ["models/a3.glb"],
      "nodeRules": [{"pattern": "^L(\\d+)$", "target": "gm/A3/F$1"}],
      "floors": [
        {"id": "gm/A3/F1", "number": 1, "elevation": 0, "height": 8, "loadRating": 20,
         "units": [{"id": "gm/A3/F1/U101", "area": 1200, "lease": "Leased",
                    "tenant": "深圳华芯微电子有限公司", "industry": "半导体与集成电路",
                    "capacity": 48}]},
        {"id": "gm/A3/F2", "number": 2, "elevation": 8, "height": 6.5, "units": [
          {"id": "gm/A3/F2/U201", "area": 600},
          {"id": "gm/A3/F2/U202", "area": 600.5, "lease": "FittingOut", "tenant": "Apex"}]}
      ]
    }],
    "zones": [
      {"id": "gm/pad/A3", "kind": "DronePad", "centre": [10, 15, -20], "radius": 6,
       "building": "gm/A3"},
      {"id": "gm/air/L1", "kind": "DroneCorridor", "points": [[0, 20, 0], [100, 60, 0]],
       "width": 12},
      {"id": "gm/nofly/N1", "kind": "NoFlyVolume", "polygon": [[0, 0], [10, 0], [10, 10]],
       "minY": 0, "maxY": 120},
      {"id": "gm/ev/P1", "kind": "EvChargingArea",
       "polygon": [[0, 0], [50, 0], [50, 30], [0, 30]], "bays": 40}
    ],
    "devices": [
      {"id": "gm/ev/P1/C07", "kind": "Charger", "parent": "gm/ev/P1", "position": [5, 0, 5]},
      {"id": "gm/drone/D04", "kind": "Drone", "position": [10, 15, -20]}
    ]
  }]
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

std::vector<std::string> errorsOf(const std::string& text) {
    auto result = parseManifest(text, "demo.json");
    REQUIRE_FALSE(result.ok());
    return errorLines(result.error());
}

std::string onlyError(const std::string& text) {
    auto errors = errorsOf(text);
    CAPTURE(errors);
    REQUIRE(errors.size() == 1);
    return errors[0];
}

}  // namespace

TEST_CASE("a valid manifest loads every entity and attribute", "[park][manifest]") {
    auto result = parseManifest(kValid, "demo.json");
    if (!result) FAIL(result.error().message);
    const Portfolio& p = *result;
    CHECK(p.name() == "Test");
    CHECK(p.entities().size() == 13);
    CHECK(p.findPark("gm")->geoOrigin.longitude == Approx(113.93));
    const Building* b = p.findBuilding("gm/A3");
    REQUIRE(b != nullptr);
    CHECK(b->transform.position == glm::vec3(10, 0, -20));
    CHECK(b->transform.rotationDeg == 15.0f);
    CHECK(b->footprint.size() == 4);
    CHECK(b->models == std::vector<std::string>{"models/a3.glb"});
    REQUIRE(b->nodeRules.size() == 1);
    CHECK(b->nodeRules[0].target == "gm/A3/F$1");
    CHECK(p.findFloor("gm/A3/F2")->height == 6.5f);
    CHECK(p.findFloor("gm/A3/F1")->loadRating == 20.0f);
    const Unit* u = p.findUnit("gm/A3/F1/U101");
    REQUIRE(u != nullptr);
    CHECK(u->lease == LeaseStatus::Leased);
    CHECK(u->industry == "半导体与集成电路");
    CHECK(u->capacity == 48);
    CHECK(p.findUnit("gm/A3/F2/U201")->lease == LeaseStatus::Vacant);
    CHECK(p.findUnit("gm/A3/F2/U202")->lease == LeaseStatus::FittingOut);
    const Zone* pad = p.findZone("gm/pad/A3");
    REQUIRE(pad != nullptr);
    CHECK(zoneKind(*pad) == ZoneKind::DronePad);
    CHECK(pad->building == *p.findEntity("gm/A3"));
    CHECK(std::get<CorridorShape>(p.findZone("gm/air/L1")->shape).points.size() == 2);
    CHECK(std::get<VolumeShape>(p.findZone("gm/nofly/N1")->shape).maxY == 120.0f);
    CHECK(std::get<EvAreaShape>(p.findZone("gm/ev/P1")->shape).bays == 40);
    const auto charger = p.findEntity("gm/ev/P1/C07");
    REQUIRE(charger.has_value());
    CHECK(p.entity(p.entity(*charger).parent).id == "gm/ev/P1");
    CHECK(p.entity(p.entity(*p.findEntity("gm/drone/D04")).parent).id == "gm");
}

TEST_CASE("syntax errors give line and column", "[park][manifest]") {
    const std::string broken = "{\n  \"format\": \"parktwin-manifest\",\n  \"version\": 1,,\n}";
    const std::string error = onlyError(broken);
    CHECK(error.rfind("demo.json:3:16: JSON syntax error: ", 0) == 0);
}

TEST_CASE("each kind of error is reported with file, path and reason", "[park][manifest]") {
    using Case = std::pair<std::string, std::string>;  // {from, to}
    const std::vector<std::pair<Case, std::string>> cases = {
        {{R"("height": 6.5)", R"("height": -4)"},
         "demo.json: parks[0].buildings[0].floors[1].height: must be > 0, got -4"},
        {{R"("area": 600})", R"("area": -12.5})"},
         "demo.json: parks[0].buildings[0].floors[1].units[0].area: must be > 0, got -12.5"},
        {{R"("id": "gm/A3/F2/U201", )", ""},
         "demo.json: parks[0].buildings[0].floors[1].units[0].id: missing required field"},
        {{R"("number": 2)", R"("number": "2")"},
         "demo.json: parks[0].buildings[0].floors[1].number: expected integer, got string"},
        {{R"("use": "Factory")", R"("use": "Warehouse")"},
         "demo.json: parks[0].buildings[0].use: unknown value 'Warehouse' (expected one of "
         "Factory, RnD, Dormitory, Services)"},
        {{R"("lease": "Leased")", R"("lease": "Rented")"},
         "demo.json: parks[0].buildings[0].floors[0].units[0].lease: unknown value 'Rented' "
         "(expected one of Vacant, Leased, Reserved, FittingOut)"},
        {{R"("id": "gm/A3/F2/U202")", R"("id": "gm/A3/F2/U201")"},
         "demo.json: parks[0].buildings[0].floors[1].units[1].id: duplicate id 'gm/A3/F2/U201'"},
        {{R"("id": "gm/A3/F2", )", R"("id": "gm/B9/F2", )"},
         "demo.json: parks[0].buildings[0].floors[1].id: floor id 'gm/B9/F2' must start with "
         "its parent's id 'gm/A3/'"},
        {{R"("building": "gm/A3")", R"("building": "gm/A9")"},
         "demo.json: parks[0].zones[0].building: unknown building 'gm/A9'"},
        {{R"("parent": "gm/ev/P1")", R"("parent": "gm/ev/P9")"},
         "demo.json: parks[0].devices[0].parent: unknown entity 'gm/ev/P9'"},
        {{R"("loadRating": 20)", R"("laodRating": 20)"},
         "demo.json: parks[0].buildings[0].floors[0].laodRating: unknown field"},
        {{R"("radius": 6)", R"("radius": 0)"},
         "demo.json: parks[0].zones[0].radius: must be > 0, got 0"},
        {{R"("width": 12)", R"("width": "wide")"},
         "demo.json: parks[0].zones[1].width: expected number, got string"},
        {{R"("maxY": 120)", R"("maxY": -5)"},
         "demo.json: parks[0].zones[2].maxY: must be > minY (0), got -5"},
        {{R"("position": [10, 0, -20])", R"("position": [10, 0])"},
         "demo.json: parks[0].buildings[0].position: expected array of 3 numbers, got array of 2"},
        {{R"([[0, 0], [10, 0], [10, 10]])", R"([[0, 0], [10, 0]])"},
         "demo.json: parks[0].zones[2].polygon: needs at least 3 points, got 2"},
        {{R"("kind": "Drone")", R"("kind": "Blimp")"},
         "demo.json: parks[0].devices[1].kind: unknown value 'Blimp' (expected one of Sensor, "
         "Meter, Charger, Drone, Camera)"},
        {{R"("version": 1)", R"("version": 2)"},
         "demo.json: version: unsupported version 2 (this build reads 1)"},
        {{R"("number": 1)", R"("number": 0)"},
         "demo.json: parks[0].buildings[0].floors[0].number: must not be 0 (ground floor is 1, "
         "B1 is -1)"},
    };
    for (const auto& [edit, expected] : cases) {
        CAPTURE(edit.first, edit.second);
        CHECK(onlyError(replaced(kValid, edit.first, edit.second)) == expected);
    }
}

TEST_CASE("a manifest with several errors lists all of them in document order",
          "[park][manifest]") {
    std::string text = replaced(kValid, R"("height": 6.5)", R"("height": -4)");
    text = replaced(text, R"("use": "Factory")", R"("use": 3)");
    text = replaced(text, R"("bays": 40)", R"("bays": -1)");
    text = replaced(text, R"("id": "gm/drone/D04", )", "");
    const auto errors = errorsOf(text);
    REQUIRE(errors.size() == 4);
    CHECK(errors[0] == "demo.json: parks[0].buildings[0].use: expected string, got number");
    CHECK(errors[1] == "demo.json: parks[0].buildings[0].floors[1].height: must be > 0, got -4");
    CHECK(errors[2] == "demo.json: parks[0].zones[3].bays: must be >= 0, got -1");
    CHECK(errors[3] == "demo.json: parks[0].devices[1].id: missing required field");
}

TEST_CASE("a non-object root and a missing file are errors", "[park][manifest]") {
    CHECK(onlyError("[1, 2]") == "demo.json: expected object, got array");
    auto missing = loadManifest(pt::test::scratchDir("manifest_missing") / "nope.json");
    CHECK_FALSE(missing.ok());
}

TEST_CASE("save then load round-trips the demo portfolio", "[park][manifest]") {
    const Portfolio original = makeDemoPortfolio(5);
    const auto dir = pt::test::scratchDir("manifest_roundtrip");
    REQUIRE(saveManifest(original, dir / "manifest.json").ok());
    auto loaded = loadManifest(dir / "manifest.json");
    if (!loaded) FAIL(loaded.error().message);
    CHECK(loaded->entities().size() == original.entities().size());
    CHECK(manifestToJson(*loaded) == manifestToJson(original));
    for (EntityIndex u : original.ofKind(EntityKind::Unit)) {
        const Unit* back = loaded->findUnit(original.entity(u).id);
        REQUIRE(back != nullptr);
        CHECK(back->area == Approx(original.unit(u).area).margin(1e-3));
        CHECK(back->lease == original.unit(u).lease);
        CHECK(back->tenant == original.unit(u).tenant);
    }
    CHECK(resolveModelPath(dir / "manifest.json", "models/gm_A1.glb") ==
          dir / "models" / "gm_A1.glb");
}

TEST_CASE("the documented example manifest loads", "[park][manifest]") {
    // docs/manifest.md embeds a complete example between ```json fences; keep it valid.
    auto doc = pt::readTextFile(pt::test::sourceDir() / "docs" / "manifest.md");
    REQUIRE(doc.ok());
    const std::string fence = "```json\n";
    const auto start = doc->find(fence);
    REQUIRE(start != std::string::npos);
    const auto end = doc->find("```", start + fence.size());
    auto result =
        parseManifest(doc->substr(start + fence.size(), end - start - fence.size()), "manifest.md");
    if (!result) FAIL(result.error().message);
    CHECK(result->count(EntityKind::Unit) > 0);
}
