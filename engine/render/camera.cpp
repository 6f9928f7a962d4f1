#include "render/camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "core/check.h"

namespace pt::render {
namespace {

constexpr float kMaxPitch = 1.55f;  // just under 90 degrees

// Maps the sub-rectangle's part of clip space onto the whole of it: x' = sx x + ox w (and the
// same for y), so it works for perspective (w = -z) and orthographic (w = 1) projections alike.
// Vulkan's NDC y already points down like the sub-rectangle's rows.
glm::mat4 subRectTransform(const glm::vec4& r) {
    const glm::vec2 lo = glm::vec2(r.x, r.y) * 2.0f - 1.0f;
    const glm::vec2 hi = glm::vec2(r.z, r.w) * 2.0f - 1.0f;
    glm::mat4 m(1.0f);
    m[0][0] = 2.0f / (hi.x - lo.x);
    m[1][1] = 2.0f / (hi.y - lo.y);
    m[3][0] = -(hi.x + lo.x) / (hi.x - lo.x);
    m[3][1] = -(hi.y + lo.y) / (hi.y - lo.y);
    return m;
}

glm::mat4 fullProjection(const Camera& c, float aspect) {
    glm::mat4 p(0.0f);
    if (c.orthographic) {
        const float h = c.orthoHeight * 0.5f, w = h * aspect;
        p[0][0] = 1.0f / w;
        p[1][1] = -1.0f / h;  // Vulkan's y points down
        // Reversed: view z = 0 maps to depth 1, z = -orthoDepth to depth 0.
        p[2][2] = 1.0f / c.orthoDepth;
        p[3][2] = 1.0f;
        p[3][3] = 1.0f;
        return p;
    }
    const float f = 1.0f / std::tan(glm::radians(c.fovYDegrees) * 0.5f);
    p[0][0] = f / aspect;
    p[1][1] = -f;
    p[2][3] = -1.0f;        // w = -z_view
    p[3][2] = c.nearPlane;  // depth = near / -z_view: 1 at the near plane, 0 at infinity
    return p;
}

}  // namespace

glm::mat4 Camera::view() const {
    return glm::lookAt(eye, target, up);
}

glm::mat4 Camera::projection(float aspect) const {
    if (subRect == glm::vec4(0.0f, 0.0f, 1.0f, 1.0f)) return fullProjection(*this, aspect);
    const float w = subRect.z - subRect.x, h = subRect.w - subRect.y;
    PT_CHECK(w > 0.0f && h > 0.0f);  // an empty sub-rectangle is a programming error
    return subRectTransform(subRect) * fullProjection(*this, aspect * h / w);
}

OrbitController OrbitController::lookingAt(const glm::vec3& eye, const glm::vec3& target) {
    OrbitController o;
    o.target = target;
    const glm::vec3 d = eye - target;
    o.distance = std::max(glm::length(d), 0.001f);
    o.pitch = std::clamp(std::asin(d.y / o.distance), -kMaxPitch, kMaxPitch);
    o.yaw = std::atan2(d.x, d.z);
    return o;
}

Camera OrbitController::camera(const Camera& lens) const {
    Camera c = lens;
    c.target = target;
    const glm::vec3 dir{std::cos(pitch) * std::sin(yaw), std::sin(pitch),
                        std::cos(pitch) * std::cos(yaw)};
    c.eye = target + dir * distance;
    c.up = {0.0f, 1.0f, 0.0f};
    return c;
}

void OrbitController::orbit(float dxPixels, float dyPixels) {
    yaw -= dxPixels * 0.005f;
    pitch = std::clamp(pitch + dyPixels * 0.005f, -kMaxPitch, kMaxPitch);
}

void OrbitController::zoom(float steps) {
    distance = std::clamp(distance * std::pow(0.88f, steps), minDistance, maxDistance);
}

void OrbitController::pan(float dxPixels, float dyPixels, float viewportHeight, float fovYDegrees) {
    const Camera c = camera();
    const glm::vec3 forward = glm::normalize(c.target - c.eye);
    const glm::vec3 right = glm::normalize(glm::cross(forward, c.up));
    const glm::vec3 up = glm::cross(right, forward);
    // World units per pixel at the target's distance.
    const float unitsPerPixel = 2.0f * distance * std::tan(glm::radians(fovYDegrees) * 0.5f) /
                                std::max(viewportHeight, 1.0f);
    target += (-right * dxPixels + up * dyPixels) * unitsPerPixel;
}

}  // namespace pt::render
