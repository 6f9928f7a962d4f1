#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "test_park.h"
#include "twin/inspection.h"

using namespace pt;
using park::EntityIndex;
using park::EntityKind;
using twin::FloorMode;
using twin::InspectionState;
using twin::test::BandedPark;
using twin::test::TwoBuildingPark;

namespace {

constexpr uint32_t kHidden = PT_ENTITY_FLAG_HIDDEN;
constexpr uint32_t kGhost = PT_ENTITY_FLAG_GHOST;
constexpr uint32_t kSelected = PT_ENTITY_FLAG_SELECTED;

std::vector<render::EntityState> freshStates(EntityIndex count) {
    return std::vector<render::EntityState>(count, render::EntityState{0, 0, 0.0f, 0});
}

// Every entity of building b (shell, floors, units).
std::set<EntityIndex> allOf(const TwoBuildingPark& t, int b) {
    std::set<EntityIndex> out{t.buildings[b]};
    for (int k = 0; k < 3; ++k) {
        out.insert(t.floors[b][k]);
        out.insert(t.units[b][k][0]);
        out.insert(t.units[b][k][1]);
    }
    return out;
}

// Checks the flags of every entity: those in `expected` must equal the mapped value, all others 0.
void checkFlags(const TwoBuildingPark& t, const std::vector<render::EntityState>& states,
                const std::map<EntityIndex, uint32_t>& expected) {
    for (EntityIndex e = 0; e < t.count(); ++e) {
        const auto it = expected.find(e);
        INFO("entity " << t.scene.portfolio.entity(e).id);
        CHECK(states[e].flags == (it == expected.end() ? 0u : it->second));
    }
}

std::map<EntityIndex, uint32_t> flagAll(const std::set<EntityIndex>& entities, uint32_t flags) {
    std::map<EntityIndex, uint32_t> out;
    for (EntityIndex e : entities)
        out[e] = flags;
    return out;
}

}  // namespace

TEST_CASE("Floor modes parse from and print to their command names", "[inspection]") {
    for (FloorMode m : {FloorMode::None, FloorMode::Isolate, FloorMode::Ghost, FloorMode::Cutaway,
                        FloorMode::Explode, FloorMode::Section})
        CHECK(twin::parseFloorMode(twin::toString(m)) == m);
    CHECK(twin::parseFloorMode("cutaway") == FloorMode::Cutaway);
    CHECK(twin::toString(FloorMode::Explode) == "explode");
    CHECK_FALSE(twin::parseFloorMode("Isolate").has_value());
    CHECK_FALSE(twin::parseFloorMode("x-ray").has_value());
}

TEST_CASE("Without a mode only the selected entity itself is flagged", "[inspection]") {
    TwoBuildingPark t;
    auto states = freshStates(t.count());
    const auto r = twin::applyInspection(t.scene, {.selected = t.floors[0][1]}, states);
    checkFlags(t, states, {{t.floors[0][1], kSelected}});
    CHECK(r.focusBuilding == t.buildings[0]);
    CHECK(r.focusFloor == t.floors[0][1]);
    CHECK_FALSE(r.clipPlane.has_value());
    CHECK(r.explodeOffsets.empty());
}

TEST_CASE("Isolate a floor: only it, its units, the site, zones and devices stay", "[inspection]") {
    TwoBuildingPark t;
    auto states = freshStates(t.count());
    const EntityIndex f2 = t.floors[0][1];
    const auto r =
        twin::applyInspection(t.scene, {.selected = f2, .mode = FloorMode::Isolate}, states);
    auto expected = flagAll(allOf(t, 0), kHidden);
    for (auto& [e, flags] : flagAll(allOf(t, 1), kHidden))
        expected[e] = flags;
    expected[f2] = kSelected;
    expected.erase(t.units[0][1][0]);
    expected.erase(t.units[0][1][1]);
    checkFlags(t, states, expected);  // park, zone and the meter on hidden F3: 0
    CHECK_FALSE(r.clipPlane.has_value());
    CHECK(r.explodeOffsets.empty());
}

TEST_CASE("Isolate from a unit focuses its floor, only the unit is selected", "[inspection]") {
    TwoBuildingPark t;
    auto states = freshStates(t.count());
    const EntityIndex unit = t.units[0][2][1];
    const auto r =
        twin::applyInspection(t.scene, {.selected = unit, .mode = FloorMode::Isolate}, states);
    CHECK(r.focusFloor == t.floors[0][2]);
    CHECK(r.focusBuilding == t.buildings[0]);
    auto expected = flagAll(allOf(t, 0), kHidden);
    for (auto& [e, flags] : flagAll(allOf(t, 1), kHidden))
        expected[e] = flags;
    expected.erase(t.floors[0][2]);
    expected.erase(t.units[0][2][0]);
    expected[unit] = kSelected;
    checkFlags(t, states, expected);
}

TEST_CASE("Isolate a building hides the other buildings only", "[inspection]") {
    TwoBuildingPark t;
    auto states = freshStates(t.count());
    twin::applyInspection(t.scene, {.selected = t.buildings[1], .mode = FloorMode::Isolate},
                          states);
    auto expected = flagAll(allOf(t, 0), kHidden);
    expected[t.buildings[1]] = kSelected;
    checkFlags(t, states, expected);
}

TEST_CASE("Ghost a floor: the rest of its building and the other buildings are ghosted",
          "[inspection]") {
    TwoBuildingPark t;
    auto states = freshStates(t.count());
    const EntityIndex f1 = t.floors[1][0];
    twin::applyInspection(t.scene, {.selected = f1, .mode = FloorMode::Ghost}, states);
    auto expected = flagAll(allOf(t, 0), kGhost);
    for (auto& [e, flags] : flagAll(allOf(t, 1), kGhost))
        expected[e] = flags;
    expected[f1] = kSelected;
    expected.erase(t.units[1][0][0]);
    expected.erase(t.units[1][0][1]);
    checkFlags(t, states, expected);

    // A building selection ghosts the other buildings only.
    twin::applyInspection(t.scene, {.selected = t.buildings[0], .mode = FloorMode::Ghost}, states);
    expected = flagAll(allOf(t, 1), kGhost);
    expected[t.buildings[0]] = kSelected;
    checkFlags(t, states, expected);
}

TEST_CASE("Cutaway cuts 1.5 m above the floor's slab and ghosts the other buildings",
          "[inspection]") {
    TwoBuildingPark t;
    auto states = freshStates(t.count());
    const EntityIndex f2 = t.floors[0][1];
    const auto r =
        twin::applyInspection(t.scene, {.selected = f2, .mode = FloorMode::Cutaway}, states);
    REQUIRE(r.clipPlane.has_value());
    CHECK(r.clipPlane->x == 0.0f);
    CHECK(r.clipPlane->y == 1.0f);
    CHECK(r.clipPlane->z == 0.0f);
    CHECK(r.clipPlane->w == Approx(-(6.0f + 1.5f)));
    auto expected = flagAll(allOf(t, 1), kGhost);
    expected[f2] = kSelected;
    checkFlags(t, states, expected);

    // A point on the floor's desks stays, the floor above is cut (dot(n, p) + d > 0 is cut).
    const glm::vec4 plane = *r.clipPlane;
    CHECK(glm::dot(glm::vec3(plane), glm::vec3(5, 7.0f, 5)) + plane.w < 0.0f);
    CHECK(glm::dot(glm::vec3(plane), glm::vec3(5, 12.0f, 5)) + plane.w > 0.0f);

    // A building selection takes the roof off: the cut is above its top floor.
    const auto top = twin::applyInspection(
        t.scene, {.selected = t.buildings[1], .mode = FloorMode::Cutaway}, states);
    REQUIRE(top.clipPlane.has_value());
    CHECK(top.clipPlane->w == Approx(-(12.0f + 1.5f)));
}

TEST_CASE("A floor with geometry of its own takes its slab from the geometry", "[inspection]") {
    TwoBuildingPark t;
    const EntityIndex f2 = t.floors[0][1];
    CHECK(twin::floorSlabY(t.scene, f2) == Approx(6.0f));
    // The model is what is drawn: a slab modelled 0.4 m lower than the manifest says wins.
    t.scene.entityBounds[f2].min.y = 5.6f;
    CHECK(twin::floorSlabY(t.scene, f2) == Approx(5.6f));
    CHECK(twin::cutawayPlane(t.scene, f2).w == Approx(-(5.6f + 1.5f)));
}

TEST_CASE("Cutaway of a model without per-floor parts uses the park model's elevations",
          "[inspection]") {
    BandedPark t;
    std::vector<render::EntityState> states(t.scene.portfolio.entities().size());
    // Park y 3 + building y 1 + elevation 6 = 10.
    CHECK(twin::floorSlabY(t.scene, t.floors[1]) == Approx(10.0f));
    const auto r = twin::applyInspection(
        t.scene, {.selected = t.floors[1], .mode = FloorMode::Cutaway}, states);
    REQUIRE(r.clipPlane.has_value());
    CHECK(r.clipPlane->w == Approx(-11.5f));
    // A 1 m floor is cut at 75 % of its height, not in the floor above.
    CHECK(twin::cutawayPlane(t.scene, t.floors[2]).w == Approx(-(16.0f + 0.75f)));
    CHECK(states[t.building].flags == 0u);
}

TEST_CASE("Isolate and ghost of an elevation-banded floor keep the building and clip above it",
          "[inspection]") {
    BandedPark t;
    std::vector<render::EntityState> states(t.scene.portfolio.entities().size());
    const auto r = twin::applyInspection(
        t.scene, {.selected = t.floors[0], .mode = FloorMode::Isolate}, states);
    REQUIRE(r.clipPlane.has_value());
    CHECK(r.clipPlane->w == Approx(-(4.0f + 6.0f)));  // slab 4, height 6: the floor's top
    CHECK(states[t.building].flags == 0u);
    CHECK(states[t.floors[1]].flags == 0u);
    twin::applyInspection(t.scene, {.selected = t.floors[0], .mode = FloorMode::Ghost}, states);
    CHECK(states[t.building].flags == 0u);
}

TEST_CASE("Explode lifts floors in elevation order, scaled by progress", "[inspection]") {
    TwoBuildingPark t;
    auto states = freshStates(t.count());
    const float gap = 8.0f;
    auto explode = [&](EntityIndex selected, float progress) {
        return twin::applyInspection(t.scene,
                                     {.selected = selected,
                                      .mode = FloorMode::Explode,
                                      .explodeProgress = progress,
                                      .explodeGap = gap},
                                     states);
    };
    const auto full = explode(t.buildings[0], 1.0f);
    REQUIRE(full.explodeOffsets.size() == t.count());
    // A's floors were added F3, F1, F2: the order is by elevation, not insertion.
    const auto order = twin::floorsByElevation(t.scene.portfolio, t.buildings[0]);
    CHECK(order == std::vector<EntityIndex>{t.floors[0][0], t.floors[0][1], t.floors[0][2]});
    {
        // Elevation decides, not the floor number (a mezzanine numbered out of order).
        TwoBuildingPark renumbered;
        for (int k = 0; k < 3; ++k)
            renumbered.scene.portfolio.floor(renumbered.floors[0][k]).number = 10 - k;
        CHECK(twin::floorsByElevation(renumbered.scene.portfolio, renumbered.buildings[0]) ==
              std::vector<EntityIndex>{renumbered.floors[0][0], renumbered.floors[0][1],
                                       renumbered.floors[0][2]});
    }
    for (int k = 0; k < 3; ++k) {
        CHECK(full.offsetOf(t.floors[0][k]) == glm::vec3(0, gap * float(k), 0));
        CHECK(full.offsetOf(t.units[0][k][1]) == full.offsetOf(t.floors[0][k]));
        CHECK(full.offsetOf(t.floors[1][k]) == glm::vec3(0.0f));  // the other building stays
    }
    CHECK(full.offsetOf(t.floors[0][0]).y < full.offsetOf(t.floors[0][1]).y);
    CHECK(full.offsetOf(t.floors[0][1]).y < full.offsetOf(t.floors[0][2]).y);
    CHECK(full.offsetOf(t.meter) == glm::vec3(0, 2 * gap, 0));  // rides with its floor
    CHECK(full.offsetOf(t.zone) == glm::vec3(0.0f));
    CHECK(full.offsetOf(t.buildings[0]) == glm::vec3(0.0f));
    // The shell is ghosted so the floors do not fly up through it, and so is the neighbour.
    CHECK(states[t.buildings[0]].flags == (kGhost | kSelected));
    CHECK(states[t.buildings[1]].flags == kGhost);
    CHECK(states[t.floors[1][0]].flags == kGhost);
    CHECK(states[t.floors[0][0]].flags == 0u);

    const auto half = explode(t.floors[0][1], 0.5f);  // a floor selection explodes its building
    REQUIRE(half.explodeOffsets.size() == t.count());
    for (int k = 0; k < 3; ++k)
        CHECK(half.offsetOf(t.floors[0][k]).y == Approx(0.5f * full.offsetOf(t.floors[0][k]).y));

    const auto none = explode(t.buildings[0], 0.0f);
    CHECK(none.explodeOffsets.empty());
    CHECK(states[t.buildings[0]].flags == kSelected);
    CHECK(explode(park::kNoEntity, 1.0f).explodeOffsets.empty());
}

TEST_CASE("Section passes the free plane through and flags nothing else", "[inspection]") {
    TwoBuildingPark t;
    auto states = freshStates(t.count());
    const glm::vec4 plane{0.6f, 0.0f, -0.8f, 12.5f};
    auto r =
        twin::applyInspection(t.scene, {.mode = FloorMode::Section, .sectionPlane = plane}, states);
    REQUIRE(r.clipPlane.has_value());
    CHECK(*r.clipPlane == plane);
    checkFlags(t, states, {});
    r = twin::applyInspection(
        t.scene, {.selected = t.units[1][1][0], .mode = FloorMode::Section, .sectionPlane = plane},
        states);
    CHECK(*r.clipPlane == plane);
    checkFlags(t, states, {{t.units[1][1][0], kSelected}});
}

TEST_CASE("Flags outside the inspection mask are preserved and stale inspection flags cleared",
          "[inspection]") {
    TwoBuildingPark t;
    constexpr uint32_t kForeign = PT_ENTITY_FLAG_STALE | PT_ENTITY_FLAG_NO_DATA |
                                  PT_ENTITY_FLAG_ALERT_UNACKNOWLEDGED |
                                  (2u << PT_ENTITY_ALERT_SHIFT) | 0x10000u;
    std::vector<render::EntityState> states(
        t.count(),
        render::EntityState{0x11223344u, kForeign | kHidden | kGhost | kSelected, 3.5f, 7});
    twin::applyInspection(t.scene, {.selected = t.floors[0][0], .mode = FloorMode::Isolate},
                          states);
    for (EntityIndex e = 0; e < t.count(); ++e) {
        INFO(t.scene.portfolio.entity(e).id);
        CHECK((states[e].flags & ~twin::kInspectionFlagMask) == kForeign);
        CHECK(states[e].rgba == 0x11223344u);
        CHECK(states[e].value == 3.5f);
        CHECK(states[e].rule == 7u);
    }
    CHECK((states[t.floors[0][0]].flags & twin::kInspectionFlagMask) == kSelected);
    CHECK((states[t.buildings[1]].flags & twin::kInspectionFlagMask) == kHidden);
    CHECK((states[t.park].flags & twin::kInspectionFlagMask) == 0u);
}

TEST_CASE("Zones, devices and the site are never hidden or ghosted by any mode", "[inspection]") {
    TwoBuildingPark t;
    auto states = freshStates(t.count());
    size_t buildingEntitiesTouched = 0;
    for (FloorMode mode : {FloorMode::Isolate, FloorMode::Ghost, FloorMode::Cutaway,
                           FloorMode::Explode, FloorMode::Section}) {
        for (EntityIndex selected = 0; selected < t.count(); ++selected) {
            twin::applyInspection(
                t.scene, {.selected = selected, .mode = mode, .explodeProgress = 1.0f}, states);
            for (EntityIndex e = 0; e < t.count(); ++e) {
                const EntityKind kind = t.scene.portfolio.entity(e).kind;
                const uint32_t visibility = states[e].flags & (kHidden | kGhost);
                CHECK((states[e].flags & kHidden & kGhost) == 0u);
                if (kind == EntityKind::Zone || kind == EntityKind::Device ||
                    kind == EntityKind::Park) {
                    INFO(twin::toString(mode) << " " << t.scene.portfolio.entity(e).id);
                    CHECK(visibility == 0u);
                } else if (visibility != 0u) {
                    buildingEntitiesTouched++;
                }
            }
        }
    }
    CHECK(buildingEntitiesTouched > 0);  // the loop did exercise the modes
}

TEST_CASE("A state span shorter than the entity table is written up to its end", "[inspection]") {
    TwoBuildingPark t;
    std::vector<render::EntityState> states(3, render::EntityState{0, 0, 0.0f, 0});
    twin::applyInspection(t.scene, {.selected = t.floors[0][0], .mode = FloorMode::Isolate},
                          std::span(states).first(2));
    CHECK(states[t.park].flags == 0u);
    CHECK(states[t.buildings[0]].flags == kHidden);  // A's shell, index 1
    CHECK(states[2].flags == 0u);                    // past the span: untouched
}

TEST_CASE("applyExplode translates instances by their entity's offset", "[inspection]") {
    std::vector<render::Instance> base(3);
    base[0].entity = 0;
    base[1].entity = 2;
    base[1].transform =
        glm::rotate(glm::translate(glm::mat4(1.0f), glm::vec3(1, 2, 3)), 0.7f, glm::vec3(0, 1, 0));
    base[2].entity = render::kNoEntity;
    const std::vector<glm::vec3> offsets{{0, 0, 0}, {0, 5, 0}, {0, 9, 0}};
    std::vector<render::Instance> out{render::Instance{}, render::Instance{}, render::Instance{},
                                      render::Instance{}};
    twin::applyExplode(base, offsets, out);
    REQUIRE(out.size() == 3);
    CHECK(out[0].transform == base[0].transform);
    CHECK(out[1].transform[3] == glm::vec4(1, 2 + 9, 3, 1));
    for (int c = 0; c < 3; ++c)
        CHECK(out[1].transform[c] == base[1].transform[c]);  // rotation untouched
    CHECK(out[2].transform == base[2].transform);
    CHECK(out[1].entity == 2u);

    // No offsets: a plain copy.
    twin::applyExplode(base, {}, out);
    CHECK(out[1].transform == base[1].transform);
}

TEST_CASE("Section planes cut beyond the offset along an axis, or before it when flipped",
          "[inspection][section]") {
    auto cut = [](glm::vec4 plane, glm::vec3 p) {
        return glm::dot(glm::vec3(plane), p) + plane.w > 0;
    };
    const glm::vec4 x = pt::twin::sectionPlane(pt::twin::SectionAxis::EastWest, 10.0f, false);
    CHECK(cut(x, {11, 0, 0}));
    CHECK_FALSE(cut(x, {9, 50, -50}));
    const glm::vec4 xFlip = pt::twin::sectionPlane(pt::twin::SectionAxis::EastWest, 10.0f, true);
    CHECK(cut(xFlip, {9, 0, 0}));
    CHECK_FALSE(cut(xFlip, {11, 0, 0}));
    const glm::vec4 y = pt::twin::sectionPlane(pt::twin::SectionAxis::Vertical, 30.0f, false);
    CHECK(cut(y, {0, 31, 0}));
    CHECK_FALSE(cut(y, {100, 29, 100}));
    const glm::vec4 z = pt::twin::sectionPlane(pt::twin::SectionAxis::NorthSouth, -5.0f, true);
    CHECK(cut(z, {0, 0, -6}));
    CHECK_FALSE(cut(z, {0, 0, -4}));
}
