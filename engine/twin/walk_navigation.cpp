#include "twin/walk_navigation.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>
#include <glm/trigonometric.hpp>

#include "twin/inspection.h"

namespace pt::twin {
namespace {

using park::EntityIndex;
using park::EntityKind;

void addEdge(std::vector<WallSegment>& walls, glm::vec2 a, glm::vec2 b) {
    if (glm::length(b - a) > 1e-4f) walls.push_back({a, b});
}

// The edge a-b with a gap of `width` centred on it (both in building-local XZ).
void addEdgeWithDoor(std::vector<WallSegment>& walls, glm::vec2 a, glm::vec2 b, float width) {
    const float length = glm::length(b - a);
    if (length <= width) return;
    const glm::vec2 dir = (b - a) / length;
    const glm::vec2 mid = 0.5f * (a + b);
    addEdge(walls, a, mid - dir * (0.5f * width));
    addEdge(walls, mid + dir * (0.5f * width), b);
}

glm::vec2 closestPointOnSegment(glm::vec2 p, const WallSegment& s) {
    const glm::vec2 ab = s.b - s.a;
    const float len2 = glm::dot(ab, ab);
    const float t = len2 > 0.0f ? std::clamp(glm::dot(p - s.a, ab) / len2, 0.0f, 1.0f) : 0.0f;
    return s.a + t * ab;
}

// Pushes p out of every wall closer than radius. `from` decides the side when p lies exactly
// on a wall.
glm::vec2 resolve(glm::vec2 p, glm::vec2 from, const WalkFloor& floor, float radius) {
    for (int iteration = 0; iteration < 4; ++iteration) {
        bool moved = false;
        for (const WallSegment& wall : floor.walls) {
            const glm::vec2 q = closestPointOnSegment(p, wall);
            glm::vec2 away = p - q;
            float distance = glm::length(away);
            if (distance >= radius) continue;
            if (distance < 1e-6f) {
                const glm::vec2 edge = wall.b - wall.a;
                glm::vec2 normal = glm::normalize(glm::vec2(-edge.y, edge.x));
                if (glm::dot(from - q, normal) < 0.0f) normal = -normal;
                away = normal;
                distance = 0.0f;
            } else {
                away /= distance;
            }
            p = q + away * radius;
            moved = true;
        }
        if (!moved) break;
    }
    return p;
}

}  // namespace

glm::vec2 buildingToWorldXZ(const park::Portfolio& p, EntityIndex building, glm::vec2 local) {
    const park::Building& b = p.building(building);
    const EntityIndex parkIndex = p.ancestorOfKind(building, EntityKind::Park);
    const glm::vec3 origin = p.park(parkIndex).scenePosition + b.transform.position;
    const float r = glm::radians(b.transform.rotationDeg);
    const float c = std::cos(r), s = std::sin(r);
    // Rotation about +Y: (x, z) -> (x cos + z sin, -x sin + z cos).
    return {origin.x + local.x * c + local.y * s, origin.z - local.x * s + local.y * c};
}

std::optional<WalkFloor> buildWalkFloor(const ParkScene& scene, EntityIndex floor,
                                        const WalkOptions& options) {
    const park::Portfolio& p = scene.portfolio;
    if (floor >= p.entities().size() || p.entity(floor).kind != EntityKind::Floor)
        return std::nullopt;
    const EntityIndex building = p.ancestorOfKind(floor, EntityKind::Building);
    const std::vector<glm::vec2>& footprint = p.building(building).footprint;

    WalkFloor out;
    out.floor = floor;
    out.slabY = floorSlabY(scene, floor);

    // Centre line: the footprint's long axis through the centre of its bounding box.
    glm::vec2 lo(std::numeric_limits<float>::max()), hi(std::numeric_limits<float>::lowest());
    for (const glm::vec2& v : footprint) {
        lo = glm::min(lo, v);
        hi = glm::max(hi, v);
    }
    const glm::vec2 centre = footprint.empty() ? glm::vec2(0.0f) : 0.5f * (lo + hi);
    const bool alongX = footprint.empty() || (hi.x - lo.x) >= (hi.y - lo.y);
    auto distanceToCentreLine = [&](glm::vec2 v) {
        return alongX ? std::abs(v.y - centre.y) : std::abs(v.x - centre.x);
    };
    auto world = [&](glm::vec2 v) { return buildingToWorldXZ(p, building, v); };
    out.centre = world(centre);

    for (size_t i = 0; i < footprint.size(); ++i)
        addEdge(out.walls, world(footprint[i]), world(footprint[(i + 1) % footprint.size()]));

    for (EntityIndex child : p.children(floor)) {
        if (p.entity(child).kind != EntityKind::Unit) continue;
        const std::vector<glm::vec2>& outline = p.unit(child).outline;
        const size_t n = outline.size();
        if (n < 2) continue;
        size_t door = 0;
        float best = std::numeric_limits<float>::max();
        for (size_t i = 0; i < n; ++i) {
            const float d = distanceToCentreLine(0.5f * (outline[i] + outline[(i + 1) % n]));
            if (d < best - 1e-4f) {
                best = d;
                door = i;
            }
        }
        for (size_t i = 0; i < n; ++i) {
            const glm::vec2 a = world(outline[i]), b = world(outline[(i + 1) % n]);
            if (i == door)
                addEdgeWithDoor(out.walls, a, b, options.doorWidth);
            else
                addEdge(out.walls, a, b);
        }
    }
    return out;
}

WalkState startWalk(const WalkFloor& floor, glm::vec2 worldXZ, float yaw,
                    const WalkOptions& options) {
    return {.eye = {worldXZ.x, floor.slabY + options.eyeHeight, worldXZ.y}, .yaw = yaw};
}

glm::vec2 moveWithCollision(glm::vec2 from, glm::vec2 delta, const WalkFloor& floor, float radius) {
    // Steps of at most a third of the radius: a wall is never crossed within one step.
    const float length = glm::length(delta);
    const int steps = std::max(1, int(std::ceil(length / (radius / 3.0f))));
    glm::vec2 p = resolve(from, from, floor, radius);
    for (int i = 0; i < steps; ++i) {
        const glm::vec2 previous = p;
        p = resolve(p + delta / float(steps), previous, floor, radius);
    }
    return p;
}

glm::vec3 walkForward(const WalkState& s) {
    return {std::sin(s.yaw) * std::cos(s.pitch), std::sin(s.pitch),
            -std::cos(s.yaw) * std::cos(s.pitch)};
}

void stepWalk(WalkState& state, const WalkFloor& floor, const WalkInput& input, float dtSeconds,
              const WalkOptions& options) {
    state.yaw += input.mouseDx * options.turnPerPixel;
    state.yaw = std::remainder(state.yaw, 2.0f * glm::pi<float>());
    state.pitch = std::clamp(state.pitch - input.mouseDy * options.turnPerPixel, -options.maxPitch,
                             options.maxPitch);

    const glm::vec2 forward(std::sin(state.yaw), -std::cos(state.yaw));
    const glm::vec2 right(std::cos(state.yaw), std::sin(state.yaw));
    glm::vec2 wish(0.0f);
    if (input.forward) wish += forward;
    if (input.back) wish -= forward;
    if (input.right) wish += right;
    if (input.left) wish -= right;
    glm::vec2 position(state.eye.x, state.eye.z);
    if (glm::length(wish) > 0.0f && dtSeconds > 0.0f) {
        const float speed = options.walkSpeed * (input.run ? options.runFactor : 1.0f);
        position = moveWithCollision(position, glm::normalize(wish) * speed * dtSeconds, floor,
                                     options.radius);
    }
    state.eye = {position.x, floor.slabY + options.eyeHeight, position.y};
}

render::Camera walkCamera(const WalkState& state, render::Camera lens) {
    lens.eye = state.eye;
    lens.target = state.eye + walkForward(state);
    lens.up = {0.0f, 1.0f, 0.0f};
    lens.orthographic = false;
    return lens;
}

}  // namespace pt::twin
