#include "twin/service_geometry.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>

namespace pt::twin {
namespace {

constexpr uint32_t kCorridorColor = 0x1fb8c9;  // cyan: the drone palette's "flying" family
constexpr uint32_t kChevronColor = 0xe8fbff;
constexpr uint32_t kNoFlyColor = 0xd62828;  // the alert red of the rules

void addQuad(render::MeshData& m, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c,
             const glm::vec3& d, const glm::vec3& normal) {
    const auto base = uint32_t(m.vertices.size());
    m.vertices.push_back({a, normal, {0, 0}});
    m.vertices.push_back({b, normal, {1, 0}});
    m.vertices.push_back({c, normal, {1, 1}});
    m.vertices.push_back({d, normal, {0, 1}});
    m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
}

render::Instance instance(uint32_t mesh, const glm::mat4& transform, const glm::vec4& color,
                          uint32_t entity, uint32_t flags) {
    return {.mesh = mesh, .transform = transform, .color = color, .entity = entity, .flags = flags};
}

// A thin bar between two points (box edges of a no-fly volume).
glm::mat4 barTransform(const glm::vec3& a, const glm::vec3& b, float thickness) {
    glm::vec3 d = b - a;
    const float length = glm::length(d);
    d = length > 1e-6f ? d / length : glm::vec3(0, 0, 1);
    const glm::vec3 up = std::abs(d.y) > 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    return orientedTransform((a + b) * 0.5f, d, up, {thickness, thickness, length + thickness});
}

bool isAxisAlignedRectangle(const std::vector<glm::vec2>& p) {
    if (p.size() != 4) return false;
    for (size_t i = 0; i < 4; ++i) {
        const glm::vec2 e = p[(i + 1) % 4] - p[i];
        if (std::abs(e.x) > 1e-4f && std::abs(e.y) > 1e-4f) return false;
    }
    return true;
}

}  // namespace

render::MeshData makeUnitCube() {
    render::MeshData m{"service cube", {}, {}};
    const float h = 0.5f;
    for (int axis = 0; axis < 3; ++axis) {
        for (float sign : {1.0f, -1.0f}) {
            glm::vec3 n(0.0f);
            n[axis] = sign;
            // u x v = n, so the quad winds counter-clockwise seen from outside.
            glm::vec3 u(0.0f), v(0.0f);
            u[(axis + 1) % 3] = 1.0f;
            v[(axis + 2) % 3] = sign;
            const glm::vec3 c = n * h;
            addQuad(m, c - (u + v) * h, c + (u - v) * h, c + (u + v) * h, c + (v - u) * h, n);
        }
    }
    return m;
}

render::MeshData makeUnitCylinder(int segments) {
    render::MeshData m{"service cylinder", {}, {}};
    segments = std::max(segments, 3);
    const float r = 0.5f;
    for (int i = 0; i < segments; ++i) {
        const float a0 = glm::two_pi<float>() * float(i) / float(segments);
        const float a1 = glm::two_pi<float>() * float(i + 1) / float(segments);
        const glm::vec3 d0(std::cos(a0), 0, -std::sin(a0)), d1(std::cos(a1), 0, -std::sin(a1));
        const auto base = uint32_t(m.vertices.size());
        m.vertices.push_back({d0 * r + glm::vec3(0, -0.5f, 0), d0, {0, 0}});
        m.vertices.push_back({d1 * r + glm::vec3(0, -0.5f, 0), d1, {1, 0}});
        m.vertices.push_back({d1 * r + glm::vec3(0, 0.5f, 0), d1, {1, 1}});
        m.vertices.push_back({d0 * r + glm::vec3(0, 0.5f, 0), d0, {0, 1}});
        m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
        for (float y : {0.5f, -0.5f}) {  // caps: a fan triangle per segment
            const auto c = uint32_t(m.vertices.size());
            const glm::vec3 n(0, y > 0 ? 1.0f : -1.0f, 0);
            m.vertices.push_back({{0, y, 0}, n, {0.5f, 0.5f}});
            m.vertices.push_back({d0 * r + glm::vec3(0, y, 0), n, {0, 0}});
            m.vertices.push_back({d1 * r + glm::vec3(0, y, 0), n, {1, 0}});
            if (y > 0)
                m.indices.insert(m.indices.end(), {c, c + 1, c + 2});
            else
                m.indices.insert(m.indices.end(), {c, c + 2, c + 1});
        }
    }
    return m;
}

render::MeshData makeChevron() {
    // A "V" of two slanted arms meeting at the tip (+Z), as a flat prism 0.2 thick.
    render::MeshData m{"service chevron", {}, {}};
    const std::vector<glm::vec2> outline = {{0.0f, 0.5f}, {0.5f, -0.1f},  {0.5f, -0.5f},
                                            {0.0f, 0.1f}, {-0.5f, -0.5f}, {-0.5f, -0.1f}};
    const float t = 0.1f;
    // Top and bottom as two quads each (tip-right arm and tip-left arm).
    const int arms[2][4] = {{0, 1, 2, 3}, {0, 3, 4, 5}};
    for (const auto& arm : arms) {
        auto p = [&](int i, float y) { return glm::vec3(outline[arm[i]].x, y, outline[arm[i]].y); };
        addQuad(m, p(0, t), p(1, t), p(2, t), p(3, t), {0, 1, 0});
        addQuad(m, p(3, -t), p(2, -t), p(1, -t), p(0, -t), {0, -1, 0});
    }
    for (size_t i = 0; i < outline.size(); ++i) {
        const glm::vec2 a = outline[i], b = outline[(i + 1) % outline.size()];
        const glm::vec2 e = glm::normalize(b - a);
        const glm::vec3 n(-e.y, 0.0f, e.x);  // outward: the outline runs clockwise from +Y
        addQuad(m, {a.x, -t, a.y}, {b.x, -t, b.y}, {b.x, t, b.y}, {a.x, t, a.y}, n);
    }
    return m;
}

glm::vec4 linearColor(uint32_t srgb, float alpha) {
    auto channel = [](uint32_t byte) { return std::pow(float(byte) / 255.0f, 2.2f); };
    return {channel((srgb >> 16) & 0xff), channel((srgb >> 8) & 0xff), channel(srgb & 0xff), alpha};
}

glm::vec4 linearFromPacked(uint32_t rgba) {
    auto channel = [](uint32_t byte) { return std::pow(float(byte) / 255.0f, 2.2f); };
    return {channel(rgba & 0xff), channel((rgba >> 8) & 0xff), channel((rgba >> 16) & 0xff),
            float((rgba >> 24) & 0xff) / 255.0f};
}

glm::mat4 orientedTransform(const glm::vec3& centre, const glm::vec3& forward, const glm::vec3& up,
                            const glm::vec3& scale) {
    const glm::vec3 z = glm::normalize(forward);
    glm::vec3 x = glm::cross(up, z);
    if (glm::length(x) < 1e-6f) x = glm::cross(glm::vec3(1, 0, 0), z);
    x = glm::normalize(x);
    const glm::vec3 y = glm::cross(z, x);
    glm::mat4 m(1.0f);
    m[0] = glm::vec4(x * scale.x, 0.0f);
    m[1] = glm::vec4(y * scale.y, 0.0f);
    m[2] = glm::vec4(z * scale.z, 0.0f);
    m[3] = glm::vec4(centre, 1.0f);
    return m;
}

glm::mat4 segmentTransform(const glm::vec3& a, const glm::vec3& b, float radius) {
    glm::vec3 d = b - a;
    const float length = glm::length(d);
    d = length > 1e-6f ? d / length : glm::vec3(0, 1, 0);
    // The cylinder's axis is +Y: build the frame with Y along the segment.
    const glm::vec3 helper = std::abs(d.y) > 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    const glm::vec3 x = glm::normalize(glm::cross(helper, d));
    const glm::vec3 z = glm::cross(x, d);
    glm::mat4 m(1.0f);
    m[0] = glm::vec4(x * (2.0f * radius), 0.0f);
    m[1] = glm::vec4(d * std::max(length, 1e-3f), 0.0f);
    m[2] = glm::vec4(z * (2.0f * radius), 0.0f);
    m[3] = glm::vec4((a + b) * 0.5f, 1.0f);
    return m;
}

std::vector<glm::vec3> corridorPoints(const park::CorridorShape& corridor,
                                      const glm::vec3& origin) {
    std::vector<glm::vec3> points;
    points.reserve(corridor.points.size());
    for (const glm::vec3& p : corridor.points)
        points.push_back(origin + p);
    return points;
}

std::vector<Marker> polylineMarkers(const std::vector<glm::vec3>& points, float spacing) {
    std::vector<Marker> out;
    if (points.size() < 2 || spacing <= 0.0f) return out;
    float next = spacing * 0.5f;  // distance along the line of the next marker
    float travelled = 0.0f;
    for (size_t i = 0; i + 1 < points.size(); ++i) {
        const glm::vec3 d = points[i + 1] - points[i];
        const float length = glm::length(d);
        if (length < 1e-6f) continue;
        while (next <= travelled + length) {
            out.push_back({points[i] + d * ((next - travelled) / length), d / length});
            next += spacing;
        }
        travelled += length;
    }
    return out;
}

void appendCorridor(const park::CorridorShape& corridor, const glm::vec3& origin, uint32_t entity,
                    const ServiceMeshes& meshes, std::vector<render::Instance>& out) {
    const std::vector<glm::vec3> points = corridorPoints(corridor, origin);
    const glm::vec4 tube = linearColor(kCorridorColor);
    const glm::vec4 envelope = linearColor(kCorridorColor, kCorridorEnvelopeAlpha);
    for (size_t i = 0; i + 1 < points.size(); ++i) {
        out.push_back(instance(meshes.cylinder,
                               segmentTransform(points[i], points[i + 1], kCorridorTubeRadius),
                               tube, entity, render::kInstanceNoClip));
        if (corridor.width > 0.0f)
            out.push_back(instance(
                meshes.cylinder, segmentTransform(points[i], points[i + 1], corridor.width * 0.5f),
                envelope, entity, render::kInstanceNoClip | render::kInstanceUnlit));
    }
    for (const Marker& m : polylineMarkers(points, kCorridorChevronSpacing)) {
        // Chevrons lie flat on horizontal legs and stand up on the vertical climb and descent,
        // so each one is seen from the usual oblique views.
        const glm::vec3 up =
            std::abs(m.direction.y) > 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
        const float s = kCorridorChevronSize;
        out.push_back(instance(meshes.chevron,
                               orientedTransform(m.position + up * (kCorridorTubeRadius + 0.3f),
                                                 m.direction, up, {s, s, s * 0.7f}),
                               linearColor(kChevronColor), entity,
                               render::kInstanceNoClip | render::kInstanceUnlit));
    }
}

void appendNoFlyVolume(const park::VolumeShape& volume, const glm::vec3& origin, uint32_t entity,
                       const ServiceMeshes& meshes, std::vector<render::Instance>& out) {
    const auto& poly = volume.polygon;
    if (poly.size() < 3 || volume.maxY <= volume.minY) return;
    const float y0 = origin.y + volume.minY, y1 = origin.y + volume.maxY;
    const float height = y1 - y0;
    const glm::vec4 wall = linearColor(kNoFlyColor, kNoFlyWallAlpha);
    const glm::vec4 edge = linearColor(kNoFlyColor);
    const uint32_t translucent = render::kInstanceNoClip | render::kInstanceUnlit;
    auto at = [&](const glm::vec2& p, float y) {
        return glm::vec3(origin.x + p.x, y, origin.z + p.y);
    };
    for (size_t i = 0; i < poly.size(); ++i) {
        const glm::vec2 a = poly[i], b = poly[(i + 1) % poly.size()];
        const float length = glm::distance(a, b);
        if (length < 1e-4f) continue;
        const glm::vec2 mid = (a + b) * 0.5f;
        const glm::vec2 d = (b - a) / length;
        out.push_back(instance(meshes.cube,
                               orientedTransform(at(mid, y0 + height * 0.5f), {d.x, 0, d.y},
                                                 {0, 1, 0}, {0.2f, height, length}),
                               wall, entity, translucent));
        out.push_back(instance(meshes.cube, barTransform(at(a, y0), at(a, y1), kNoFlyEdge), edge,
                               entity, translucent));
        for (int band = 0; band <= kNoFlyBands + 1; ++band) {
            const float y = y0 + height * float(band) / float(kNoFlyBands + 1);
            out.push_back(instance(meshes.cube, barTransform(at(a, y), at(b, y), kNoFlyEdge), edge,
                                   entity, translucent));
        }
    }
    if (isAxisAlignedRectangle(poly)) {
        glm::vec2 lo = poly[0], hi = poly[0];
        for (const glm::vec2& p : poly)
            lo = glm::min(lo, p), hi = glm::max(hi, p);
        const glm::vec2 c = (lo + hi) * 0.5f, size = hi - lo;
        out.push_back(instance(
            meshes.cube, orientedTransform(at(c, y1), {0, 0, 1}, {0, 1, 0}, {size.x, 0.2f, size.y}),
            wall, entity, translucent));
    }
}

}  // namespace pt::twin
