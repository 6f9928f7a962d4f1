#include <catch2/catch.hpp>

#include "assets/floor_detection.h"

using namespace pt::assets;

namespace {

// A synthetic model: a root with one child per (name, bottom, top) and, below each child, one
// part with geometry between bottom and top.
ImportedModel building(const std::vector<std::tuple<std::string, float, float>>& parts) {
    ImportedModel model;
    model.nodes.push_back(Node{.name = "root"});
    for (const auto& [name, bottom, top] : parts) {
        const uint32_t group = uint32_t(model.nodes.size());
        model.nodes[0].children.push_back(group);
        model.nodes.push_back(Node{.name = name, .parent = 0, .children = {group + 1}});
        Node part{.name = name + "_slab", .parent = group};
        part.worldBounds.add(glm::vec3(0, bottom, 0));
        part.worldBounds.add(glm::vec3(20, top, 10));
        model.worldBounds.add(part.worldBounds);
        model.nodes.push_back(part);
    }
    return model;
}

}  // namespace

TEST_CASE("Floor numbers from naming conventions", "[assets][floors]") {
    CHECK(floorNumberFromName("L03") == 3);
    CHECK(floorNumberFromName("Building_A_L12_slab") == 12);
    CHECK(floorNumberFromName("Level 3") == 3);
    CHECK(floorNumberFromName("LEVEL_07") == 7);
    CHECK(floorNumberFromName("3F") == 3);
    CHECK(floorNumberFromName("A3-12F") == 12);
    CHECK(floorNumberFromName("F3") == 3);
    CHECK(floorNumberFromName("Floor 4") == 4);
    CHECK(floorNumberFromName("楼层3") == 3);
    CHECK(floorNumberFromName("5层") == 5);
    CHECK(floorNumberFromName("第8层") == 8);
    CHECK(floorNumberFromName("B1") == -1);
    CHECK(floorNumberFromName("B2_parking") == -2);
    CHECK(floorNumberFromName("地下1层") == -1);
    CHECK_FALSE(floorNumberFromName("Wall3"));
    CHECK_FALSE(floorNumberFromName("Shelf2"));
    CHECK_FALSE(floorNumberFromName("Roof"));
    CHECK_FALSE(floorNumberFromName("Window_1234"));
}

TEST_CASE("IFC storeys are floors, numbered from the lowest up", "[assets][floors]") {
    ImportedModel model =
        building({{"IfcBuildingStorey_1.Obergeschoss_0jAI9fmuuZo5Hq4Mzn$RGN", 3.0f, 6.0f},
                  {"IfcBuildingStorey_0. Erdgeschoss_0yBEy76WYo3DwzauJBQBOE", 0.0f, 3.0f},
                  {"IfcBuildingStorey_2.Keller_0yBEy76WYo3DwzauJBQBOF", -3.0f, 0.0f}});
    FloorHints hints;
    hints.groundElevation = 0.0f;
    const FloorDetection result = detectFloors(model, hints);
    CHECK(result.source == FloorSource::IfcStoreys);
    REQUIRE(result.floors.size() == 3);
    CHECK(result.floors[0].name == "Keller");
    CHECK(result.floors[0].number == -1);
    CHECK(result.floors[1].name == "Erdgeschoss");
    CHECK(result.floors[1].number == 1);
    CHECK(result.floors[2].name == "Obergeschoss");
    CHECK(result.floors[2].number == 2);
    CHECK(result.floors[2].elevation == 3.0f);
    CHECK(result.floors[2].height == 3.0f);  // from its geometry
    CHECK(result.floors[1].nodes == std::vector<uint32_t>{3});
}

TEST_CASE("Named floors with basements, heights from geometry", "[assets][floors]") {
    for (const auto& names :
         std::vector<std::vector<std::string>>{{"B1", "L01", "L02", "L03"},
                                               {"B1", "Level 1", "Level 2", "Level 3"},
                                               {"B1F", "1F", "2F", "3F"},
                                               {"地下1层", "楼层1", "楼层2", "楼层3"}}) {
        // Listed out of order on purpose: the result is sorted by elevation.
        ImportedModel model = building({{names[2], 5.0f, 9.5f},
                                        {names[0], -4.0f, 0.0f},
                                        {names[1], 0.0f, 5.0f},
                                        {names[3], 9.5f, 14.0f}});
        const FloorDetection result = detectFloors(model);
        INFO(names[1]);
        CHECK(result.source == FloorSource::Naming);
        REQUIRE(result.floors.size() == 4);
        CHECK(result.floors[0].number == -1);
        CHECK(result.floors[1].number == 1);
        CHECK(result.floors[3].number == 3);
        CHECK(result.floors[1].elevation == 0.0f);
        CHECK(result.floors[1].height == 5.0f);
        CHECK(result.floors[2].height == 4.5f);
        CHECK(result.floors[3].height == 4.5f);
        CHECK(result.floors[3].name == names[3]);
    }
}

TEST_CASE("Parts of the same floor are grouped", "[assets][floors]") {
    ImportedModel model =
        building({{"L1_core", 0.0f, 4.0f}, {"L1_shell", 0.0f, 4.0f}, {"L2_shell", 4.0f, 8.0f}});
    const FloorDetection result = detectFloors(model);
    REQUIRE(result.floors.size() == 2);
    CHECK(result.floors[0].nodes.size() == 2);
    CHECK(result.floors[1].nodes.size() == 1);
}

TEST_CASE("Without per-floor parts, floors are elevation bands", "[assets][floors]") {
    ImportedModel model = building({{"tower", 0.0f, 24.0f}, {"canopy", 0.0f, 3.0f}});
    CHECK(detectFloors(model).source == FloorSource::None);  // no hints, nothing to go by

    FloorHints hints;
    hints.floorHeights = {6.0f, 4.5f};  // a tall ground floor, then the rest
    const FloorDetection result = detectFloors(model, hints);
    CHECK(result.source == FloorSource::ElevationBands);
    REQUIRE(result.floors.size() == 5);  // 6 + 4 * 4.5 = 24
    CHECK(result.floors[0].height == 6.0f);
    CHECK(result.floors[1].elevation == 6.0f);
    CHECK(result.floors[4].elevation == 19.5f);
    CHECK(result.floors[0].nodes.size() == 2);  // tower and canopy slabs
    CHECK(result.floors[1].nodes.size() == 1);  // tower only
}

TEST_CASE("A single floor-like name is not a floor structure", "[assets][floors]") {
    ImportedModel model = building({{"F1_car", 0.0f, 2.0f}, {"garage", 0.0f, 3.0f}});
    CHECK(detectFloors(model).source == FloorSource::None);
}
