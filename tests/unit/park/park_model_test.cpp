#include <catch2/catch.hpp>

#include "park/park_model.h"

using namespace pt::park;

namespace {

// A small portfolio built by hand: one park, one building with two floors and three units,
// an EV zone with a charger and a drone.
struct SmallPortfolio {
    Portfolio portfolio;
    EntityIndex park = kNoEntity, building = kNoEntity, floor1 = kNoEntity, floor2 = kNoEntity;
    EntityIndex unit = kNoEntity, zone = kNoEntity, charger = kNoEntity, drone = kNoEntity;

    SmallPortfolio() {
        park = *portfolio.addPark("gm", "光明", Park{});
        building = *portfolio.addBuilding(park, "gm/A3", "A3栋", Building{});
        floor1 = *portfolio.addFloor(building, "gm/A3/F1", "1F", Floor{.number = 1});
        floor2 = *portfolio.addFloor(building, "gm/A3/F2", "2F",
                                     Floor{.number = 2, .elevation = 6.0f, .height = 6.0f});
        unit = *portfolio.addUnit(floor2, "gm/A3/F2/U201", "201", Unit{.area = 850.0f});
        (void)*portfolio.addUnit(floor2, "gm/A3/F2/U202", "202", Unit{.area = 420.0f});
        (void)*portfolio.addUnit(floor1, "gm/A3/F1/U101", "101", Unit{.area = 300.0f});
        zone = *portfolio.addZone(park, "gm/ev/P1", "P1", Zone{EvAreaShape{{}, 40}});
        charger =
            *portfolio.addDevice(zone, "gm/ev/P1/C07", "C07", Device{.kind = DeviceKind::Charger});
        drone =
            *portfolio.addDevice(park, "gm/drone/D04", "D04", Device{.kind = DeviceKind::Drone});
    }
};

}  // namespace

TEST_CASE("entity table is dense and holds every addressable entity", "[park][model]") {
    SmallPortfolio s;
    const auto entities = s.portfolio.entities();
    REQUIRE(entities.size() == 10);
    for (EntityIndex i = 0; i < entities.size(); ++i) {
        CAPTURE(entities[i].id);
        CHECK(s.portfolio.findEntity(entities[i].id) == i);
    }
    CHECK(entities[s.unit].id == "gm/A3/F2/U201");
    CHECK(entities[s.unit].kind == EntityKind::Unit);
    CHECK(entities[s.unit].parent == s.floor2);
    CHECK(entities[s.park].parent == kNoEntity);
    CHECK(entities[s.building].name == "A3栋");
    CHECK_FALSE(s.portfolio.findEntity("gm/A9").has_value());
}

TEST_CASE("children, kinds and ancestors", "[park][model]") {
    SmallPortfolio s;
    auto kids = s.portfolio.children(s.floor2);
    REQUIRE(kids.size() == 2);
    CHECK(s.portfolio.entity(kids[0]).id == "gm/A3/F2/U201");
    CHECK(s.portfolio.entity(kids[1]).id == "gm/A3/F2/U202");
    CHECK(s.portfolio.children(s.park).size() == 3);  // building, zone, drone
    CHECK(s.portfolio.count(EntityKind::Unit) == 3);
    CHECK(s.portfolio.count(EntityKind::Device) == 2);
    CHECK(s.portfolio.parks().size() == 1);
    CHECK(s.portfolio.ancestorOfKind(s.unit, EntityKind::Building) == s.building);
    CHECK(s.portfolio.ancestorOfKind(s.charger, EntityKind::Park) == s.park);
    CHECK(s.portfolio.ancestorOfKind(s.charger, EntityKind::Floor) == kNoEntity);
}

TEST_CASE("typed lookups return the right attributes and reject other kinds", "[park][model]") {
    SmallPortfolio s;
    const Unit* unit = s.portfolio.findUnit("gm/A3/F2/U202");
    REQUIRE(unit != nullptr);
    CHECK(unit->area == 420.0f);
    const Floor* floor = s.portfolio.findFloor("gm/A3/F2");
    REQUIRE(floor != nullptr);
    CHECK(floor->elevation == 6.0f);
    CHECK(s.portfolio.findFloor("gm/A3/F2/U202") == nullptr);
    CHECK(s.portfolio.findBuilding("gm") == nullptr);
    REQUIRE(s.portfolio.findZone("gm/ev/P1") != nullptr);
    CHECK(zoneKind(*s.portfolio.findZone("gm/ev/P1")) == ZoneKind::EvChargingArea);
    REQUIRE(s.portfolio.findDevice("gm/drone/D04") != nullptr);
    CHECK(s.portfolio.findDevice("gm/drone/D04")->kind == DeviceKind::Drone);
    s.portfolio.unit(s.unit).lease = LeaseStatus::Leased;
    CHECK(s.portfolio.findUnit("gm/A3/F2/U201")->lease == LeaseStatus::Leased);
}

TEST_CASE("adding rejects duplicate and malformed ids", "[park][model]") {
    SmallPortfolio s;
    auto dup = s.portfolio.addUnit(s.floor2, "gm/A3/F2/U201", "", Unit{});
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.error().message == "duplicate id 'gm/A3/F2/U201'");
    auto foreign = s.portfolio.addUnit(s.floor2, "gm/A3/F1/U999", "", Unit{});
    REQUIRE_FALSE(foreign.ok());
    CHECK(foreign.error().message ==
          "unit id 'gm/A3/F1/U999' must start with its parent's id 'gm/A3/F2/'");
    const std::size_t before = s.portfolio.entities().size();
    CHECK_FALSE(s.portfolio.addFloor(s.building, "gm/A3/F 3", "", Floor{}).ok());
    CHECK(s.portfolio.entities().size() == before);
    CHECK(s.portfolio.count(EntityKind::Floor) == 2);
}

TEST_CASE("id rules per kind", "[park][model]") {
    CHECK_FALSE(checkChildId("", "gm", EntityKind::Park).has_value());
    CHECK(checkChildId("", "gm/x", EntityKind::Park).has_value());
    CHECK(checkChildId("", "", EntityKind::Park).has_value());
    CHECK_FALSE(checkChildId("gm", "gm/A3", EntityKind::Building).has_value());
    CHECK(checkChildId("gm", "gm/A3/B", EntityKind::Building) ==
          "building id 'gm/A3/B' must add exactly one segment to 'gm'");
    CHECK(checkChildId("gm", "gmx/A3", EntityKind::Building).has_value());
    CHECK(checkChildId("gm", "gm/", EntityKind::Building).has_value());
    CHECK_FALSE(checkChildId("gm", "gm/ev/P1", EntityKind::Zone).has_value());
    CHECK_FALSE(checkChildId("gm", "gm/drone/D04", EntityKind::Device).has_value());
    CHECK(checkChildId("gm", "gm//D04", EntityKind::Device).has_value());
    CHECK(isValidIdSegment("U1203"));
    CHECK_FALSE(isValidIdSegment("楼"));
    CHECK_FALSE(isValidIdSegment(std::string(65, 'a')));
}

TEST_CASE("enum names round-trip", "[park][model]") {
    for (auto s :
         {LeaseStatus::Vacant, LeaseStatus::Leased, LeaseStatus::Reserved, LeaseStatus::FittingOut})
        CHECK(parseLeaseStatus(toString(s)) == s);
    for (auto u :
         {BuildingUse::Factory, BuildingUse::RnD, BuildingUse::Dormitory, BuildingUse::Services})
        CHECK(parseBuildingUse(toString(u)) == u);
    for (auto z : {ZoneKind::DronePad, ZoneKind::DroneCorridor, ZoneKind::NoFlyVolume,
                   ZoneKind::EvChargingArea})
        CHECK(parseZoneKind(toString(z)) == z);
    for (auto d : {DeviceKind::Sensor, DeviceKind::Meter, DeviceKind::Charger, DeviceKind::Drone,
                   DeviceKind::Camera})
        CHECK(parseDeviceKind(toString(d)) == d);
    CHECK_FALSE(parseLeaseStatus("vacant").has_value());
}
