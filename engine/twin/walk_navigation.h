#pragma once
// First-person walk on one floor: the eye stays 1.6 m above the floor slab, WASD moves in the
// horizontal plane, the mouse turns (yaw) and looks up/down (pitch), and walls block the walker
// (a circle of radius 0.3 m), who slides along them instead of stopping.
//
// Walls are derived from the park model, not from the render geometry: every edge of every unit
// outline on the floor, plus the building footprint. Doors are a simplification: each unit gets
// one 1.2 m opening centred on the outline edge whose midpoint is closest to the floor's centre
// line (the footprint's long axis through its centre, where a factory floor's corridor runs).
// Edges shorter than the door are left open entirely. The footprint has no doors, so the walker
// stays inside the building. Pure CPU; main thread; a WalkFloor is a plain value that lives as
// long as the caller keeps it (rebuild it when the floor changes).
#include <optional>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "park/park_model.h"
#include "render/camera.h"
#include "twin/park_scene.h"

namespace pt::twin {

struct WalkOptions {
    float eyeHeight = 1.6f;       // metres above the slab
    float radius = 0.3f;          // walker's collision circle
    float doorWidth = 1.2f;       // opening left in each unit's corridor-facing edge
    float walkSpeed = 1.4f;       // m/s, a brisk walk
    float runFactor = 3.0f;       // with `run` held
    float turnPerPixel = 0.003f;  // radians per mouse pixel
    float maxPitch = 1.4f;        // radians, keeps the view from flipping
};

// A wall in world XZ (x, z).
struct WallSegment {
    glm::vec2 a{0.0f};
    glm::vec2 b{0.0f};
};

struct WalkFloor {
    park::EntityIndex floor = park::kNoEntity;
    float slabY = 0.0f;  // world Y of the floor (floorSlabY)
    std::vector<WallSegment> walls;
    glm::vec2 centre{0.0f};  // world XZ of the footprint's centre, a safe place to start
};

// Builds the walls of `floor` in world space. nullopt if the entity is not a floor.
std::optional<WalkFloor> buildWalkFloor(const ParkScene& scene, park::EntityIndex floor,
                                        const WalkOptions& options = {});

// Building-local XZ -> world XZ: rotate about +Y by rotationDeg (counter-clockwise seen from
// above), then translate by park.scenePosition + building.transform.position.
glm::vec2 buildingToWorldXZ(const park::Portfolio& portfolio, park::EntityIndex building,
                            glm::vec2 local);

struct WalkInput {
    bool forward = false, back = false, left = false, right = false;
    bool run = false;
    float mouseDx = 0.0f;  // pixels; positive turns right
    float mouseDy = 0.0f;  // pixels; positive looks down
};

// Eye position and view angles. yaw 0 looks along -Z, positive yaw turns right (towards +X).
struct WalkState {
    glm::vec3 eye{0.0f};
    float yaw = 0.0f;
    float pitch = 0.0f;
};

WalkState startWalk(const WalkFloor& floor, glm::vec2 worldXZ, float yaw = 0.0f,
                    const WalkOptions& options = {});
// Applies mouse look, then moves for dtSeconds with collision and sliding. Movement is
// horizontal whatever the pitch, and the eye stays at slab + eyeHeight.
void stepWalk(WalkState& state, const WalkFloor& floor, const WalkInput& input, float dtSeconds,
              const WalkOptions& options = {});
// Moves the circle from its current XZ by `delta` against the walls (sub-stepped so it cannot
// tunnel through a wall); exposed for tests and for scripted walks.
glm::vec2 moveWithCollision(glm::vec2 from, glm::vec2 delta, const WalkFloor& floor, float radius);
glm::vec3 walkForward(const WalkState& state);  // unit view direction
render::Camera walkCamera(const WalkState& state, render::Camera lens = {});

}  // namespace pt::twin
