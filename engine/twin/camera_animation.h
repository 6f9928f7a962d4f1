#pragma once
// Camera moves of the twin: framing an entity, flying from one view to another, and the
// top-down plan of a floor. Plain math on render::Camera values (no clock, no state): the caller
// owns the time, so tours, tests and remote control replay exactly. Any thread.
#include <glm/glm.hpp>

#include "assets/imported_model.h"
#include "park/park_model.h"
#include "render/camera.h"
#include "twin/park_scene.h"

namespace pt::twin {

// A camera looking at `bounds` so that its bounding sphere fits both the vertical field of view
// and the horizontal one (from `aspect`), times `margin` (> 1 leaves a border). Keeps `current`'s
// lens (fov, near plane) and its view direction (target - eye), or uses `viewDirection` when
// given (non-zero). An orthographic `current` stays orthographic: orthoHeight fits the sphere and
// orthoDepth covers it. The near plane is lowered if the sphere would reach in front of it.
// Empty bounds: returns `current` unchanged.
render::Camera frameBounds(const render::Camera& current, const assets::Bounds& bounds,
                           float aspect, const glm::vec3& viewDirection = glm::vec3(0.0f),
                           float margin = 1.1f);

// Ease-in-out on 0..1 (smootherstep: zero velocity and acceleration at both ends); monotonic,
// exact at 0 and 1; t is clamped.
float easeInOut(float t);

// A smooth flight between two cameras. The target moves along a straight line; the eye's offset
// from the target turns (slerp of its direction) and scales (geometric blend of its length), so
// the camera swings around what it looks at instead of passing through it. Long flights lift the
// eye along a parabola (`arcHeight` at the middle) so it passes over buildings rather than
// through them. A perspective <-> orthographic flight flies in perspective with the orthographic
// end replaced by the perspective camera that shows the same height at its target, and switches
// at the very end.
struct CameraFlight {
    render::Camera from;
    render::Camera to;
    float duration = 1.0f;   // seconds; <= 0 means "arrive at once"
    float arcHeight = 0.0f;  // metres added to the eye's height at the middle of the flight

    // Duration and arc from the distance travelled: 0.8 s plus a little per doubling of the
    // distance (up to 3 s); flights whose target moves more than kArcMinDistance arc up by a
    // quarter of the distance (up to kMaxArc).
    static CameraFlight between(const render::Camera& from, const render::Camera& to);

    // The camera `seconds` after the start: exactly `from` at <= 0, exactly `to` at >= duration.
    render::Camera at(float seconds) const;
    bool finished(float seconds) const { return seconds >= duration; }
};

inline constexpr float kArcMinDistance = 60.0f;
inline constexpr float kMaxArc = 150.0f;

// The perspective camera that frames at its target what an orthographic camera shows (same
// target, direction and visible height); a perspective camera is returned unchanged.
render::Camera perspectiveEquivalent(const render::Camera& camera);

// Top-down orthographic plan of a floor: looking straight down (-Y) with up = -Z, so +X is right
// and -Z (north in the park frame) is up on screen, like a map. orthoHeight fits the floor's XZ
// extent for `aspect` with `margin`; the eye sits above the floor's top and orthoDepth reaches
// down to below the slab. Draw it with `clipPlane` (the floor's cutaway plane) so the floors
// above do not cover the plan.
struct PlanView {
    render::Camera camera;
    glm::vec4 clipPlane{0.0f};
};

// Extent: the floor's own bounds if it has geometry, else its building's footprint (placed in the
// world), else its building's bounds. Vertical range: slab (floorSlabY) to slab + height.
PlanView planView(const ParkScene& scene, park::EntityIndex floor, float aspect,
                  float margin = 1.1f);
// The same from explicit values: `extent` gives the XZ rectangle (its Y is ignored).
render::Camera planViewCamera(const assets::Bounds& extent, float slabY, float floorHeight,
                              float aspect, float margin = 1.1f);

}  // namespace pt::twin
