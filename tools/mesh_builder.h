#pragma once
// Appends simple solids (boxes, quads, prisms, discs) to per-material triangle lists, the
// building blocks of the generated park geometry. Flat-shaded: every face has its own vertices
// so normals stay crisp on architectural shapes.
#include <cstdint>
#include <span>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "glb_writer.h"

namespace pt::tools {

class MeshBuilder {
public:
    // Axis-aligned box between two corners (any order).
    void box(std::uint32_t material, glm::vec3 a, glm::vec3 b);
    // One face of the box between two corners: the one across `axis` (0 x, 1 y, 2 z) on its
    // `positive` or negative side, facing outwards.
    void face(std::uint32_t material, glm::vec3 a, glm::vec3 b, int axis, bool positive);
    // A planar quad p0..p3 (counter-clockwise seen from the side it faces).
    void quad(std::uint32_t material, glm::vec3 p0, glm::vec3 p1, glm::vec3 p2, glm::vec3 p3);
    void triangle(std::uint32_t material, glm::vec3 p0, glm::vec3 p1, glm::vec3 p2);
    // A convex polygon, counter-clockwise in (x, z), extruded from y0 to y1 (caps and walls).
    void prism(std::uint32_t material, std::span<const glm::vec2> polygon, float y0, float y1);
    // A flat horizontal disc (triangle fan) facing +Y.
    void disc(std::uint32_t material, glm::vec3 centre, float radius, int segments);

    bool empty() const;
    // Moves the collected triangles out, one primitive per material used.
    std::vector<GlbPrimitive> take();

private:
    GlbPrimitive& primitive(std::uint32_t material);
    std::vector<GlbPrimitive> m_primitives;
};

}  // namespace pt::tools
