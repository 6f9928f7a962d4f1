#include "mesh_builder.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <glm/common.hpp>
#include <glm/geometric.hpp>

namespace pt::tools {

GlbPrimitive& MeshBuilder::primitive(std::uint32_t material) {
    for (GlbPrimitive& p : m_primitives)
        if (p.material == material) return p;
    m_primitives.push_back(GlbPrimitive{.material = material});
    return m_primitives.back();
}

void MeshBuilder::triangle(std::uint32_t material, glm::vec3 p0, glm::vec3 p1, glm::vec3 p2) {
    const glm::vec3 cross = glm::cross(p1 - p0, p2 - p0);
    const float length = glm::length(cross);
    if (length <= 0.0f) return;  // degenerate: adds nothing visible
    GlbPrimitive& prim = primitive(material);
    const auto base = std::uint32_t(prim.positions.size());
    for (glm::vec3 p : {p0, p1, p2}) {
        prim.positions.push_back(p);
        prim.normals.push_back(cross / length);
    }
    prim.indices.insert(prim.indices.end(), {base, base + 1, base + 2});
}

void MeshBuilder::face(std::uint32_t material, glm::vec3 a, glm::vec3 b, int axis, bool positive) {
    const glm::vec3 lo = glm::min(a, b), hi = glm::max(a, b);
    // u x v points along +axis; corners counter-clockwise seen from outside.
    const int u = (axis + 1) % 3, v = (axis + 2) % 3;
    auto corner = [&](bool highU, bool highV) {
        glm::vec3 p = positive ? hi : lo;
        p[u] = highU ? hi[u] : lo[u];
        p[v] = highV ? hi[v] : lo[v];
        return p;
    };
    if (positive)
        quad(material, corner(false, false), corner(true, false), corner(true, true),
             corner(false, true));
    else
        quad(material, corner(false, false), corner(false, true), corner(true, true),
             corner(true, false));
}

void MeshBuilder::quad(std::uint32_t material, glm::vec3 p0, glm::vec3 p1, glm::vec3 p2,
                       glm::vec3 p3) {
    const glm::vec3 cross = glm::cross(p1 - p0, p2 - p0);
    const float length = glm::length(cross);
    if (length <= 0.0f) return;
    GlbPrimitive& prim = primitive(material);
    const auto base = std::uint32_t(prim.positions.size());
    for (glm::vec3 p : {p0, p1, p2, p3}) {
        prim.positions.push_back(p);
        prim.normals.push_back(cross / length);
    }
    prim.indices.insert(prim.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
}

void MeshBuilder::box(std::uint32_t material, glm::vec3 a, glm::vec3 b) {
    const glm::vec3 lo = glm::min(a, b), hi = glm::max(a, b);
    const float x0 = lo.x, y0 = lo.y, z0 = lo.z, x1 = hi.x, y1 = hi.y, z1 = hi.z;
    quad(material, {x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1});  // +Z
    quad(material, {x1, y0, z0}, {x0, y0, z0}, {x0, y1, z0}, {x1, y1, z0});  // -Z
    quad(material, {x1, y0, z1}, {x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1});  // +X
    quad(material, {x0, y0, z0}, {x0, y0, z1}, {x0, y1, z1}, {x0, y1, z0});  // -X
    quad(material, {x0, y1, z1}, {x1, y1, z1}, {x1, y1, z0}, {x0, y1, z0});  // +Y
    quad(material, {x0, y0, z0}, {x1, y0, z0}, {x1, y0, z1}, {x0, y0, z1});  // -Y
}

void MeshBuilder::prism(std::uint32_t material, std::span<const glm::vec2> polygon, float y0,
                        float y1) {
    const std::size_t n = polygon.size();
    for (std::size_t i = 0; i < n; ++i) {
        const glm::vec2 a = polygon[i], b = polygon[(i + 1) % n];
        // Polygons run counter-clockwise in (x, z) (see park_model.h), so walls face outwards.
        quad(material, {a.x, y0, a.y}, {a.x, y1, a.y}, {b.x, y1, b.y}, {b.x, y0, b.y});
    }
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const glm::vec2 a = polygon[0], b = polygon[i], c = polygon[i + 1];
        triangle(material, {a.x, y1, a.y}, {c.x, y1, c.y}, {b.x, y1, b.y});
        triangle(material, {a.x, y0, a.y}, {b.x, y0, b.y}, {c.x, y0, c.y});
    }
}

void MeshBuilder::disc(std::uint32_t material, glm::vec3 centre, float radius, int segments) {
    for (int i = 0; i < segments; ++i) {
        const float a0 = 6.2831853f * float(i) / float(segments);
        const float a1 = 6.2831853f * float(i + 1) / float(segments);
        triangle(material, centre,
                 centre + glm::vec3(radius * std::cos(a0), 0.0f, -radius * std::sin(a0)),
                 centre + glm::vec3(radius * std::cos(a1), 0.0f, -radius * std::sin(a1)));
    }
}

bool MeshBuilder::empty() const {
    return std::all_of(m_primitives.begin(), m_primitives.end(),
                       [](const GlbPrimitive& p) { return p.indices.empty(); });
}

std::vector<GlbPrimitive> MeshBuilder::take() {
    return std::exchange(m_primitives, {});
}

}  // namespace pt::tools
