#include "twin/fly_navigation.h"

#include <algorithm>
#include <cmath>

namespace pt::twin {

FlyState startFly(const render::Camera& camera) {
    glm::vec3 d = camera.target - camera.eye;
    const float length = glm::length(d);
    d = length > 1e-6f ? d / length : glm::vec3(0, 0, -1);
    return {.eye = camera.eye,
            .yaw = std::atan2(d.x, -d.z),
            .pitch = std::asin(std::clamp(d.y, -1.0f, 1.0f))};
}

glm::vec3 flyDirection(const FlyState& s) {
    return {std::sin(s.yaw) * std::cos(s.pitch), std::sin(s.pitch),
            -std::cos(s.yaw) * std::cos(s.pitch)};
}

void stepFly(FlyState& state, const FlyInput& input, float dt, const FlyOptions& options) {
    state.yaw =
        std::remainder(state.yaw + input.mouseDx * options.turnPerPixel, 2.0f * float(M_PI));
    state.pitch = std::clamp(state.pitch - input.mouseDy * options.turnPerPixel, -options.maxPitch,
                             options.maxPitch);
    const glm::vec3 forward = flyDirection(state);
    const glm::vec3 right(std::cos(state.yaw), 0.0f, std::sin(state.yaw));
    glm::vec3 move(0.0f);
    move += forward * float(int(input.forward) - int(input.back));
    move += right * float(int(input.right) - int(input.left));
    move.y += float(int(input.up) - int(input.down));
    if (glm::length(move) > 1e-6f) {
        const float speed = options.speed * (input.fast ? options.fastFactor : 1.0f);
        state.eye += glm::normalize(move) * speed * dt;
    }
    state.eye.y = std::max(state.eye.y, options.minHeight);
}

render::Camera flyCamera(const FlyState& state, render::Camera lens, float targetDistance) {
    lens.eye = state.eye;
    lens.target = state.eye + flyDirection(state) * targetDistance;
    lens.up = {0, 1, 0};
    lens.orthographic = false;
    return lens;
}

}  // namespace pt::twin
