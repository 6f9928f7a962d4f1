#include <catch2/catch.hpp>

#include "park/node_mapper.h"

using namespace pt::park;

namespace {

Portfolio twoBuildings(std::vector<NodeRule> rules) {
    Portfolio p;
    const EntityIndex park = *p.addPark("gm", "", Park{});
    const EntityIndex a3 =
        *p.addBuilding(park, "gm/A3", "", Building{.nodeRules = std::move(rules)});
    const EntityIndex a4 = *p.addBuilding(park, "gm/A4", "", Building{});
    for (EntityIndex b : {a3, a4}) {
        const std::string id = p.entity(b).id;
        for (int n = 1; n <= 3; ++n) {
            const EntityIndex f =
                *p.addFloor(b, id + "/F" + std::to_string(n), "", Floor{.number = n, .height = 6});
            (void)*p.addUnit(f, id + "/F" + std::to_string(n) + "/U" + std::to_string(n) + "01", "",
                             Unit{.area = 100});
        }
    }
    return p;
}

}  // namespace

TEST_CASE("node names that are entity ids of the building map directly", "[park][nodes]") {
    const Portfolio p = twoBuildings({});
    const auto mapper = NodeMapper::create(p, *p.findEntity("gm/A3"));
    REQUIRE(mapper.ok());
    CHECK(mapper->map("gm/A3/F2") == p.findEntity("gm/A3/F2"));
    CHECK(mapper->map("gm/A3/F2/U201") == p.findEntity("gm/A3/F2/U201"));
    CHECK(mapper->map("gm/A3") == p.findEntity("gm/A3"));
    CHECK_FALSE(mapper->map("gm/A4/F2").has_value());  // another building's floor
    CHECK_FALSE(mapper->map("Cube.001").has_value());
}

TEST_CASE("node rules map model names with capture groups", "[park][nodes]") {
    const Portfolio p = twoBuildings({{"^IfcBuildingStorey_L0*(\\d+)$", "gm/A3/F$1"},
                                      {"^(\\d+)F-R(\\d)$", "gm/A3/F$1/U$1$2"},
                                      {"^Steal_(\\d+)$", "gm/A4/F$1"}});
    const auto mapper = NodeMapper::create(p, *p.findEntity("gm/A3"));
    REQUIRE(mapper.ok());
    CHECK(mapper->map("IfcBuildingStorey_L03") == p.findEntity("gm/A3/F3"));
    CHECK(mapper->map("2F-R01") == std::nullopt);  // pattern needs one digit after R
    CHECK(mapper->map("2F-R0") == std::nullopt);   // gm/A3/F2/U20 does not exist
    CHECK(mapper->map("IfcBuildingStorey_L9") == std::nullopt);
    CHECK(mapper->map("Steal_1") == std::nullopt);  // targets outside the building are refused
}

TEST_CASE("a unit rule resolves to the unit", "[park][nodes]") {
    const Portfolio p = twoBuildings({{"^Unit_(\\d)(\\d\\d)$", "gm/A3/F$1/U$1$2"}});
    const auto mapper = NodeMapper::create(p, *p.findEntity("gm/A3"));
    REQUIRE(mapper.ok());
    CHECK(mapper->map("Unit_201") == p.findEntity("gm/A3/F2/U201"));
    CHECK(mapper->map("Unit_202") == std::nullopt);
}

TEST_CASE("an invalid rule regex is reported", "[park][nodes]") {
    const Portfolio p = twoBuildings({{"^L(\\d+$", "gm/A3/F$1"}});
    const auto mapper = NodeMapper::create(p, *p.findEntity("gm/A3"));
    REQUIRE_FALSE(mapper.ok());
    CHECK(mapper.error().message.rfind("gm/A3: node rule '^L(\\d+$': invalid regex: ", 0) == 0);
}
