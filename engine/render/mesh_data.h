#pragma once
// CPU-side geometry handed to the renderer. The renderer knows meshes and instances only; what an
// instance means (unit 1203 on floor 12) is the park model's business, linked by `entity`.
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace pt::render {

struct Vertex {
    glm::vec3 position;
    glm::vec3 normal;
    glm::vec2 uv;
};

struct MeshData {
    std::string name;
    std::vector<Vertex> vertices;
    std::vector<uint32_t> indices;
};

inline constexpr uint32_t kNoEntity = 0xffffffffu;

// Instance::flags (the PT_INSTANCE_FLAG_* values of shaders/shared/scene_types.h).
inline constexpr uint32_t kInstanceUnlit = 1u;
inline constexpr uint32_t kInstanceNoClip = 2u;  // overlays and zones are never cut away
inline constexpr uint32_t kInstanceGlass = 4u;
// Moved every frame (GpuScene::editMovingInstances): left out of the cached shadow map.
inline constexpr uint32_t kInstanceNoShadow = 8u;
// Levels of detail of a whole model (Instance::lodGroup): detail drawn only near (interiors,
// see-through glass), and stand-ins drawn only far (opaque facade panels in unit colours).
inline constexpr uint32_t kInstanceLodNear = 16u;
inline constexpr uint32_t kInstanceLodFar = 32u;

struct Instance {
    uint32_t mesh = 0;
    glm::mat4 transform{1.0f};
    glm::vec4 color{0.8f, 0.8f, 0.8f, 1.0f};  // linear rgb; alpha < 1 draws as transparent
    uint32_t entity = kNoEntity;
    uint32_t flags = 0;
    uint32_t material = 0;  // from GpuScene::addMaterial; 0: the default material
    // All instances of a model with levels of detail (kInstanceLodNear/Far parts) share a
    // group (0: none); the group switches as one, see buildDrawLists.
    uint32_t lodGroup = 0;
};

// Far level of detail: the indices of `mesh` without its thin parts. A part is a connected
// piece (triangles sharing positions, welded to 1 mm); it is thin when the second-largest extent
// of its axis-aligned box is below `thickness` (mullions, railings, rails). Seen from far enough
// away such parts are under a pixel wide: they only alias, yet cost a CPU rasteriser as much
// per triangle as a wall. Returns all of `mesh.indices` when nothing is thin.
std::vector<uint32_t> withoutThinParts(const MeshData& mesh, float thickness);

// Simple shapes for test scenes, site furniture and overlays.
MeshData makeBox(const glm::vec3& size, const std::string& name = "box");
MeshData makePlane(float sizeX, float sizeZ, const std::string& name = "plane");

}  // namespace pt::render
