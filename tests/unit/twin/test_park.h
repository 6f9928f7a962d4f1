#pragma once
// Hand-built parks for the twin's unit tests: no files, bounds set by hand the way
// loadParkScene computes them (own geometry, then propagated to every ancestor).
#include <array>

#include <catch2/catch.hpp>

#include "twin/park_scene.h"

namespace pt::twin::test {

using park::EntityIndex;

// Sets an entity's own geometry bounds.
inline void addOwnBounds(ParkScene& scene, EntityIndex e, glm::vec3 min, glm::vec3 max) {
    scene.entityBounds.resize(scene.portfolio.entities().size());
    scene.entityBounds[e].add(min);
    scene.entityBounds[e].add(max);
}

// Parents include their descendants' bounds (as loadParkScene's propagateBounds does).
inline void propagate(ParkScene& scene) {
    scene.entityBounds.resize(scene.portfolio.entities().size());
    const auto entities = scene.portfolio.entities();
    for (size_t i = entities.size(); i-- > 0;)
        if (entities[i].parent != park::kNoEntity)
            scene.entityBounds[entities[i].parent].add(scene.entityBounds[i]);
}

// Park "gm" at the origin with buildings A (x 0..40) and B (x 100..140), each with three floors
// of 6 m (elevations 0, 6, 12) and two units per floor; every floor and unit has geometry.
// A's floors are added out of order (F3, F1, F2) so that ordering by elevation is exercised.
// A rooftop drone pad zone on A, and a meter on A's top floor.
struct TwoBuildingPark {
    ParkScene scene;
    EntityIndex park = park::kNoEntity;
    std::array<EntityIndex, 2> buildings{};
    std::array<std::array<EntityIndex, 3>, 2> floors{};                // [building][by elevation]
    std::array<std::array<std::array<EntityIndex, 2>, 3>, 2> units{};  // [building][floor][unit]
    EntityIndex zone = park::kNoEntity;
    EntityIndex meter = park::kNoEntity;

    static constexpr float kFloorHeight = 6.0f;

    TwoBuildingPark() {
        park::Portfolio& p = scene.portfolio;
        park = *p.addPark("gm", "光明园区", {});
        const char* names[2] = {"A", "B"};
        for (int b = 0; b < 2; ++b) {
            const float x0 = 100.0f * float(b);
            park::Building building;
            building.footprint = {{0, 0}, {40, 0}, {40, 30}, {0, 30}};
            building.transform.position = {x0, 0, 0};
            const std::string id = std::string("gm/") + names[b];
            buildings[b] = *p.addBuilding(park, id, names[b], building);
            const std::array<int, 3> order = b == 0 ? std::array{2, 0, 1} : std::array{0, 1, 2};
            for (int k : order) {
                const float elevation = kFloorHeight * float(k);
                floors[b][k] =
                    *p.addFloor(buildings[b], id + "/F" + std::to_string(k + 1), "",
                                {.number = k + 1, .elevation = elevation, .height = kFloorHeight});
                for (int u = 0; u < 2; ++u)
                    units[b][k][u] = *p.addUnit(
                        floors[b][k], id + "/F" + std::to_string(k + 1) + "/U" + std::to_string(u),
                        "", {.area = 600.0f});
            }
        }
        park::Zone pad{park::PadShape{{20, 18, 15}, 2}, buildings[0]};
        zone = *p.addZone(park, "gm/drone/P1", "pad", pad);
        meter = *p.addDevice(floors[0][2], "gm/A/F3/M1", "meter",
                             {.kind = park::DeviceKind::Meter, .position = {1, 13, 1}});

        for (int b = 0; b < 2; ++b) {
            const float x0 = 100.0f * float(b);
            addOwnBounds(scene, buildings[b], {x0 - 1, 0, -1}, {x0 + 41, 18.5f, 31});
            for (int k = 0; k < 3; ++k) {
                const float slab = kFloorHeight * float(k);
                addOwnBounds(scene, floors[b][k], {x0, slab, 0}, {x0 + 40, slab + 0.3f, 30});
                for (int u = 0; u < 2; ++u)
                    addOwnBounds(scene, units[b][k][u], {x0 + 20.0f * float(u), slab + 0.3f, 0},
                                 {x0 + 20.0f * float(u + 1), slab + 5.0f, 30});
            }
        }
        addOwnBounds(scene, zone, {18, 18.5f, 13}, {22, 18.7f, 17});
        addOwnBounds(scene, meter, {0.8f, 12.8f, 0.8f}, {1.2f, 13.2f, 1.2f});
        propagate(scene);
    }

    EntityIndex count() const { return EntityIndex(scene.portfolio.entities().size()); }
};

// One building whose model has no per-floor parts (floors are elevation bands): only the
// building has geometry. Park at y = 3, building at (5, 1, 0) turned 90 degrees.
struct BandedPark {
    ParkScene scene;
    EntityIndex park = park::kNoEntity;
    EntityIndex building = park::kNoEntity;
    std::array<EntityIndex, 3> floors{};  // elevations 0, 6 (height 6) and 12 (height 1)

    BandedPark() {
        park::Portfolio& p = scene.portfolio;
        park = *p.addPark("m", "model", {.scenePosition = {0, 3, 0}});
        park::Building b;
        b.footprint = {{0, 0}, {20, 0}, {20, 10}, {0, 10}};
        b.transform = {.position = {5, 1, 0}, .rotationDeg = 90.0f};
        building = *p.addBuilding(park, "m/B1", "", b);
        floors[0] =
            *p.addFloor(building, "m/B1/F1", "", {.number = 1, .elevation = 0, .height = 6});
        floors[1] =
            *p.addFloor(building, "m/B1/F2", "", {.number = 2, .elevation = 6, .height = 6});
        floors[2] =
            *p.addFloor(building, "m/B1/F3", "", {.number = 3, .elevation = 12, .height = 1});
        // Rotated 90 degrees: building-local (x, z) -> world (5 + z, 4, -x).
        addOwnBounds(scene, building, {5, 4, -20}, {15, 17, 0});
        propagate(scene);
    }
};

}  // namespace pt::twin::test
