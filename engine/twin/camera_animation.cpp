#include "twin/camera_animation.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "twin/inspection.h"

namespace pt::twin {
namespace {

using park::EntityIndex;
using park::EntityKind;
using park::kNoEntity;

constexpr glm::vec3 kWorldUp{0.0f, 1.0f, 0.0f};
constexpr glm::vec3 kPlanUp{0.0f, 0.0f, -1.0f};  // -Z up on screen: a map's north
constexpr float kPlanClearance = 2.0f;           // eye above the floor's top, metres
constexpr float kPlanBelowSlab = 1.0f;           // depth reach below the slab (slab thickness)
constexpr float kDefaultFloorHeight = 4.0f;      // when a floor has no height

glm::vec3 safeNormalize(const glm::vec3& v, const glm::vec3& fallback) {
    const float len = glm::length(v);
    return len > 1e-6f ? v / len : fallback;
}

// An up vector usable with glm::lookAt for `forward`: `preferred` unless (nearly) parallel.
glm::vec3 upFor(const glm::vec3& forward, const glm::vec3& preferred) {
    if (std::abs(glm::dot(forward, safeNormalize(preferred, kWorldUp))) < 0.999f) return preferred;
    return std::abs(forward.y) < 0.999f ? kWorldUp : kPlanUp;
}

// Spherical interpolation of unit vectors. Nearly opposite vectors turn over the top (through
// +Y where possible), so a camera swinging round a building goes over it, not under the ground.
glm::vec3 slerpUnit(const glm::vec3& u, const glm::vec3& v, float s) {
    const float cosTheta = std::clamp(glm::dot(u, v), -1.0f, 1.0f);
    if (cosTheta > 0.9995f) return safeNormalize(glm::mix(u, v, s), v);
    if (cosTheta < -0.9995f) {
        glm::vec3 p = kWorldUp - u * glm::dot(u, kWorldUp);
        if (glm::length(p) < 1e-3f) p = glm::vec3(1, 0, 0) - u * u.x;
        p = glm::normalize(p);
        const float a = s * glm::pi<float>();
        return std::cos(a) * u + std::sin(a) * p;
    }
    const float theta = std::acos(cosTheta);
    const float sinTheta = std::sin(theta);
    return (std::sin((1.0f - s) * theta) * u + std::sin(s * theta) * v) / sinTheta;
}

float geometricMix(float a, float b, float s) {
    if (a <= 0.0f || b <= 0.0f) return glm::mix(a, b, s);
    return a * std::pow(b / a, s);
}

glm::mat4 placementOf(const park::Park& park, const park::Transform& t) {
    const glm::mat4 m = glm::translate(glm::mat4(1.0f), park.scenePosition + t.position);
    return glm::rotate(m, glm::radians(t.rotationDeg), kWorldUp);
}

assets::Bounds planExtent(const ParkScene& scene, EntityIndex floor) {
    if (floor < scene.entityBounds.size() && !scene.entityBounds[floor].empty())
        return scene.entityBounds[floor];
    const park::Portfolio& p = scene.portfolio;
    const EntityIndex building = p.ancestorOfKind(floor, EntityKind::Building);
    const park::Building& b = p.building(building);
    assets::Bounds extent;
    if (!b.footprint.empty()) {
        const glm::mat4 placement =
            placementOf(p.park(p.ancestorOfKind(floor, EntityKind::Park)), b.transform);
        for (const glm::vec2& q : b.footprint)
            extent.add(glm::vec3(placement * glm::vec4(q.x, 0.0f, q.y, 1.0f)));
        return extent;
    }
    if (building < scene.entityBounds.size() && !scene.entityBounds[building].empty())
        return scene.entityBounds[building];
    // Nothing known about the extent: a 20 m square around the building's origin.
    const glm::vec3 origin =
        glm::vec3(placementOf(p.park(p.ancestorOfKind(floor, EntityKind::Park)), b.transform) *
                  glm::vec4(0, 0, 0, 1));
    extent.add(origin - glm::vec3(10.0f));
    extent.add(origin + glm::vec3(10.0f));
    return extent;
}

}  // namespace

render::Camera frameBounds(const render::Camera& current, const assets::Bounds& bounds,
                           float aspect, const glm::vec3& viewDirection, float margin) {
    if (bounds.empty()) return current;
    aspect = std::max(aspect, 1e-3f);
    margin = std::max(margin, 1.0f);
    const glm::vec3 center = bounds.center();
    const float radius = std::max(0.5f * glm::length(bounds.size()), 0.01f) * margin;
    const glm::vec3 currentDir =
        safeNormalize(current.target - current.eye, glm::normalize(glm::vec3(-1, -0.75f, -1)));
    const glm::vec3 dir = safeNormalize(viewDirection, currentDir);

    render::Camera c = current;
    c.target = center;
    c.up = upFor(dir, kWorldUp);
    if (current.orthographic) {
        c.orthoHeight = 2.0f * radius * std::max(1.0f, 1.0f / aspect);
        const float distance = 2.0f * radius;
        c.eye = center - dir * distance;
        c.orthoDepth = distance + 2.0f * radius;
        return c;
    }
    const float halfV = glm::radians(current.fovYDegrees) * 0.5f;
    const float halfH = std::atan(std::tan(halfV) * aspect);
    const float distance = radius / std::sin(std::min(halfV, halfH));
    c.eye = center - dir * distance;
    const float nearest = distance - radius;  // > 0: sin(half) < 1
    if (c.nearPlane > 0.5f * nearest) c.nearPlane = std::max(0.5f * nearest, 1e-3f);
    return c;
}

float easeInOut(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    // Evaluated from the nearer end (the curve is point-symmetric about 0.5) so rounding cannot
    // overshoot 1 or step backwards near the end.
    const auto rise = [](float u) { return u * u * u * (u * (u * 6.0f - 15.0f) + 10.0f); };
    return t <= 0.5f ? rise(t) : 1.0f - rise(1.0f - t);
}

render::Camera perspectiveEquivalent(const render::Camera& camera) {
    if (!camera.orthographic) return camera;
    render::Camera p = camera;
    p.orthographic = false;
    const float distance =
        0.5f * camera.orthoHeight / std::tan(glm::radians(camera.fovYDegrees) * 0.5f);
    p.eye = camera.target + safeNormalize(camera.eye - camera.target, kWorldUp) * distance;
    return p;
}

CameraFlight CameraFlight::between(const render::Camera& from, const render::Camera& to) {
    const float travel =
        std::max(glm::distance(from.target, to.target), glm::distance(from.eye, to.eye));
    CameraFlight flight{.from = from, .to = to};
    flight.duration = std::clamp(0.8f + 0.35f * std::log2(1.0f + travel / 20.0f), 0.8f, 3.0f);
    const float targetTravel = glm::distance(from.target, to.target);
    flight.arcHeight = targetTravel > kArcMinDistance ? std::min(0.25f * targetTravel, kMaxArc) : 0;
    return flight;
}

render::Camera CameraFlight::at(float seconds) const {
    if (seconds <= 0.0f) return from;
    if (duration <= 0.0f || seconds >= duration) return to;
    const float s = easeInOut(seconds / duration);
    const bool bothOrtho = from.orthographic && to.orthographic;
    const render::Camera a = bothOrtho ? from : perspectiveEquivalent(from);
    const render::Camera b = bothOrtho ? to : perspectiveEquivalent(to);

    render::Camera c = a;
    c.target = glm::mix(a.target, b.target, s);
    const glm::vec3 offsetA = a.eye - a.target, offsetB = b.eye - b.target;
    const float lengthA = std::max(glm::length(offsetA), 1e-3f);
    const float lengthB = std::max(glm::length(offsetB), 1e-3f);
    const glm::vec3 dir = slerpUnit(offsetA / lengthA, offsetB / lengthB, s);
    c.eye = c.target + dir * geometricMix(lengthA, lengthB, s);
    // Never below the straight line between the two eyes' heights (the swing may dip when the
    // offsets' lengths differ a lot), then the arc on top.
    c.eye.y = std::max(c.eye.y, glm::mix(a.eye.y, b.eye.y, s));
    c.eye.y += arcHeight * 4.0f * s * (1.0f - s);

    c.fovYDegrees = glm::mix(a.fovYDegrees, b.fovYDegrees, s);
    c.nearPlane = geometricMix(a.nearPlane, b.nearPlane, s);
    c.orthographic = bothOrtho;
    c.orthoHeight = geometricMix(a.orthoHeight, b.orthoHeight, s);
    c.orthoDepth = glm::mix(a.orthoDepth, b.orthoDepth, s);
    const glm::vec3 forward = safeNormalize(c.target - c.eye, -kWorldUp);
    c.up = upFor(forward, safeNormalize(glm::mix(a.up, b.up, s), kWorldUp));
    return c;
}

render::Camera planViewCamera(const assets::Bounds& extent, float slabY, float floorHeight,
                              float aspect, float margin) {
    aspect = std::max(aspect, 1e-3f);
    const glm::vec3 size = extent.size();
    const glm::vec3 center = extent.center();
    render::Camera c;
    c.orthographic = true;
    c.orthoHeight = std::max(std::max(size.z, size.x / aspect) * std::max(margin, 1.0f), 1.0f);
    const float height = floorHeight > 0.0f ? floorHeight : kDefaultFloorHeight;
    c.target = {center.x, slabY, center.z};
    c.eye = {center.x, slabY + height + kPlanClearance, center.z};
    c.up = kPlanUp;
    c.orthoDepth = height + kPlanClearance + kPlanBelowSlab;
    return c;
}

PlanView planView(const ParkScene& scene, EntityIndex floor, float aspect, float margin) {
    const float slab = floorSlabY(scene, floor);
    float height = scene.portfolio.floor(floor).height;
    // A floor's geometry may be taller than its nominal height (parapets, double-height halls).
    if (floor < scene.entityBounds.size() && !scene.entityBounds[floor].empty())
        height = std::max(height, scene.entityBounds[floor].max.y - slab);
    return {planViewCamera(planExtent(scene, floor), slab, height, aspect, margin),
            cutawayPlane(scene, floor)};
}

}  // namespace pt::twin
