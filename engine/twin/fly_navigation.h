#pragma once
// Free flight over the park (fly mode): WASD moves along the view direction and sideways, Q/E
// down and up, Shift is faster, the mouse looks around. Unlike walk mode nothing collides; the
// eye only stays above the ground. Plain math, no window: the viewer feeds it the keys and
// mouse deltas each frame. Angles follow walk mode: yaw 0 looks along -Z, positive turns right.
#include "render/camera.h"

namespace pt::twin {

struct FlyInput {
    bool forward = false, back = false, left = false, right = false, up = false, down = false;
    bool fast = false;
    float mouseDx = 0.0f;  // pixels; positive turns right
    float mouseDy = 0.0f;  // pixels; positive looks down
};

struct FlyOptions {
    float speed = 30.0f;      // m/s (a park is hundreds of metres across)
    float fastFactor = 4.0f;  // with Shift
    float turnPerPixel = 0.004f;
    float maxPitch = 1.45f;  // radians; just short of straight up/down
    float minHeight = 1.0f;  // the eye never goes below the ground plus this
};

struct FlyState {
    glm::vec3 eye{0.0f};
    float yaw = 0.0f;
    float pitch = 0.0f;
};

// Starts where `camera` is, looking the same way.
FlyState startFly(const render::Camera& camera);
glm::vec3 flyDirection(const FlyState& state);
void stepFly(FlyState& state, const FlyInput& input, float dtSeconds,
             const FlyOptions& options = {});
// The camera for this state; `lens` supplies field of view and planes. The target lies
// `targetDistance` ahead, so an orbit taking over from here turns about a point in view.
render::Camera flyCamera(const FlyState& state, render::Camera lens = {},
                         float targetDistance = 50.0f);

}  // namespace pt::twin
