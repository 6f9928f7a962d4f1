#include <catch2/catch.hpp>
#include <glm/gtc/constants.hpp>

#include "test_park.h"
#include "twin/walk_navigation.h"

using namespace pt;
using park::EntityIndex;
using twin::WalkInput;
using twin::WalkState;

namespace {

// Park at y = 2; building at (100, 1, 50), footprint 40 x 30. Floor F2 (elevation 6) has four
// units around a corridor along x at building-local z 12..18 (the centre line is z = 15):
// U0 (0..20, 0..12), U1 (20..40, 0..12), U2 (0..20, 18..30), U3 (20..40, 18..30).
// In world XZ: U0 spans x 100..120, z 50..62; its door is on z = 62 around x = 110.
struct CorridorPark {
    twin::ParkScene scene;
    EntityIndex floor = park::kNoEntity;

    CorridorPark() {
        park::Portfolio& p = scene.portfolio;
        const EntityIndex parkIndex = *p.addPark("gm", "", {.scenePosition = {0, 2, 0}});
        park::Building b;
        b.footprint = {{0, 0}, {40, 0}, {40, 30}, {0, 30}};
        b.transform.position = {100, 1, 50};
        const EntityIndex building = *p.addBuilding(parkIndex, "gm/A", "", b);
        *p.addFloor(building, "gm/A/F1", "", {.number = 1, .elevation = 0, .height = 6});
        floor = *p.addFloor(building, "gm/A/F2", "", {.number = 2, .elevation = 6, .height = 6});
        auto rect = [](float x0, float z0, float x1, float z1) {
            return std::vector<glm::vec2>{{x0, z0}, {x1, z0}, {x1, z1}, {x0, z1}};
        };
        const std::vector<glm::vec2> outlines[4] = {rect(0, 0, 20, 12), rect(20, 0, 40, 12),
                                                    rect(0, 18, 20, 30), rect(20, 18, 40, 30)};
        for (int u = 0; u < 4; ++u)
            *p.addUnit(floor, "gm/A/F2/U" + std::to_string(u), "",
                       {.area = 240, .outline = outlines[u]});
    }
    twin::WalkFloor walkFloor() const { return *twin::buildWalkFloor(scene, floor); }
};

WalkInput forward() {
    return {.forward = true};
}

}  // namespace

TEST_CASE("walls come from the footprint and unit outlines, one door per unit", "[walk]") {
    const CorridorPark park;
    const twin::WalkFloor f = park.walkFloor();
    CHECK(f.walls.size() == 4 + 4 * (3 + 2));
    CHECK(f.slabY == Approx(2 + 1 + 6));
    CHECK(f.centre.x == Approx(120));
    CHECK(f.centre.y == Approx(65));
    CHECK_FALSE(twin::buildWalkFloor(park.scene, 0));  // the park is not a floor
}

TEST_CASE("the eye stays 1.6 m above the slab", "[walk]") {
    CorridorPark park;
    twin::WalkFloor f = park.walkFloor();
    WalkState s = twin::startWalk(f, {105, 65});
    CHECK(s.eye.y == Approx(9 + 1.6f));
    s.eye.y = 0;
    s.pitch = -1.0f;  // looking down does not walk into the floor
    twin::stepWalk(s, f, {.forward = true, .mouseDy = 50}, 0.5f);
    CHECK(s.eye.y == Approx(9 + 1.6f));
    CHECK(s.pitch < -1.0f);
    CHECK(s.pitch >= -1.4f);
    // With geometry, the slab comes from the floor's bounds (as floorSlabY does).
    twin::test::addOwnBounds(park.scene, park.floor, {100, 7.5f, 50}, {140, 7.8f, 80});
    f = park.walkFloor();
    twin::stepWalk(s, f, {}, 0.1f);
    CHECK(s.eye.y == Approx(7.5f + 1.6f));
}

TEST_CASE("mouse look turns right and clamps the pitch", "[walk]") {
    const CorridorPark park;
    const twin::WalkFloor f = park.walkFloor();
    WalkState s = twin::startWalk(f, {105, 65});
    twin::stepWalk(s, f, {.mouseDx = 100, .mouseDy = -10000}, 0.016f);
    CHECK(s.yaw == Approx(0.3f));
    CHECK(s.pitch == Approx(1.4f));
    CHECK(twin::walkForward(s).x > 0.0f);  // turned towards +X
    CHECK(twin::walkCamera(s).eye == s.eye);
}

TEST_CASE("a wall stops the walker at its radius", "[walk]") {
    const CorridorPark park;
    const twin::WalkFloor f = park.walkFloor();
    // In the corridor facing -Z, towards U0's wall at z = 62, away from its door (x = 110).
    WalkState s = twin::startWalk(f, {105, 65});
    twin::stepWalk(s, f, forward(), 5.0f);  // 7 m in one frame: sub-steps must not tunnel
    CHECK(s.eye.z == Approx(62.3f).margin(1e-3));
    CHECK(s.eye.x == Approx(105));
    // From inside U0, the footprint wall at z = 50 stops the walker too.
    s = twin::startWalk(f, {105, 55});
    twin::stepWalk(s, f, forward(), 10.0f);
    CHECK(s.eye.z == Approx(50.3f).margin(1e-3));
}

TEST_CASE("the walker slides along a wall", "[walk]") {
    const CorridorPark park;
    const twin::WalkFloor f = park.walkFloor();
    // 45 degrees to the right of -Z: into the wall at z = 62 and along +X.
    WalkState s = twin::startWalk(f, {101, 65}, glm::quarter_pi<float>());
    twin::stepWalk(s, f, forward(), 3.0f);  // 4.2 m, 2.97 m of it along x
    CHECK(s.eye.z == Approx(62.3f).margin(1e-3));
    CHECK(s.eye.x == Approx(101 + 4.2f * std::sqrt(0.5f)).margin(0.05));
}

TEST_CASE("the walker passes through a unit's door", "[walk]") {
    const CorridorPark park;
    const twin::WalkFloor f = park.walkFloor();
    WalkState s = twin::startWalk(f, {110, 65});
    twin::stepWalk(s, f, forward(), 3.0f);
    CHECK(s.eye.z == Approx(65 - 4.2f).margin(1e-3));  // inside U0, unhindered
    // U2's door faces the corridor too (its edge at world z = 68).
    s = twin::startWalk(f, {110, 65}, glm::pi<float>());
    twin::stepWalk(s, f, forward(), 3.0f);
    CHECK(s.eye.z == Approx(65 + 4.2f).margin(1e-3));
}

TEST_CASE("building-local coordinates follow the building's rotation", "[walk]") {
    const twin::test::BandedPark banded;
    // BandedPark: building-local (x, z) -> world (5 + z, -x).
    const glm::vec2 w = twin::buildingToWorldXZ(banded.scene.portfolio, banded.building, {20, 10});
    CHECK(w.x == Approx(15));
    CHECK(w.y == Approx(-20));
}
