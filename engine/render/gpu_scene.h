#pragma once
// The GPU copy of a scene: every mesh in one vertex arena and one index arena, instances in a
// storage buffer. Meshes are added at load time (commit() uploads them in one go); instances can
// change every frame. Render-thread only; lives as long as the scene it mirrors.
#include <cstdint>
#include <limits>
#include <vector>

#include "core/image_io.h"
#include "gfx/buffer.h"
#include "gfx/image.h"
#include "render/mesh_data.h"
#include "shaders/shared/scene_types.h"

namespace pt::gfx {
class Device;
struct FrameData;
}  // namespace pt::gfx

namespace pt::render {

// Far level of detail: every mesh also keeps its indices without parts thinner than
// kThinPartMetres (withoutThinParts), drawn instead of the full mesh where kThinPartMetres
// covers fewer than kThinPartPixels on screen, i.e. where those parts are under a pixel wide.
inline constexpr float kThinPartMetres = 0.3f;
inline constexpr float kThinPartPixels = 2.0f;

struct MeshRange {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0;
    int32_t vertexOffset = 0;
    glm::vec3 boundsMin{0.0f};
    glm::vec3 boundsMax{0.0f};
    // The far level of detail, with its own compacted copy of the vertices it keeps (a CPU
    // rasteriser shades every vertex in a draw's index range); the full mesh's ranges when
    // nothing is thin.
    uint32_t farFirstIndex = 0;
    uint32_t farIndexCount = 0;
    int32_t farVertexOffset = 0;
};

// Grows [lo, hi] by the world-space box of mesh `m` placed by `transform` (its eight corners).
inline void growBounds(const MeshRange& m, const glm::mat4& transform, glm::vec3& lo,
                       glm::vec3& hi) {
    for (int corner = 0; corner < 8; ++corner) {
        const glm::vec3 local{corner & 1 ? m.boundsMax.x : m.boundsMin.x,
                              corner & 2 ? m.boundsMax.y : m.boundsMin.y,
                              corner & 4 ? m.boundsMax.z : m.boundsMin.z};
        const glm::vec3 world = glm::vec3(transform * glm::vec4(local, 1.0f));
        lo = glm::min(lo, world);
        hi = glm::max(hi, world);
    }
}

class GpuScene {
public:
    explicit GpuScene(gfx::Device& device);

    // Queues a mesh for upload; returns its index for Instance::mesh.
    uint32_t addMesh(const MeshData& mesh);
    // Queues a texture (RGBA8, any size: resampled to kTextureSize with a mip chain) and returns
    // its layer for a Material. Lavapipe cannot index arrays of textures dynamically, so all
    // textures share two 2D array images, one layer each: colour data (sRGB: base colour,
    // emissive) and linear data (metallic-roughness, normal, occlusion).
    uint32_t addTexture(const RgbaImage& image, bool srgb);
    // Queues a material and returns its index for Instance::material.
    uint32_t addMaterial(const shaders::MaterialData& material);
    // Uploads every mesh and texture added since the last commit (waits for the copies: load
    // time only).
    void commit();
    // The texture arrays (layer 0: white / flat normal) and the material table.
    VkImageView textureArrayView() const { return m_textureArray.view(); }
    VkImageView dataTextureArrayView() const { return m_dataTextureArray.view(); }
    VkBuffer materialBuffer() const { return m_materialBuffer.handle(); }
    const std::vector<shaders::MaterialData>& materials() const { return m_materials; }
    // Whether instances of this material need the texture-mapping shader.
    bool textured(uint32_t material) const {
        return material < m_materials.size() && m_materials[material].layers != glm::uvec4(0u);
    }
    // Whether this material is rough enough to be drawn without the sun's specular lobe
    // (concrete, grass, asphalt: under ~5 % of the light, spread over half the sky).
    static constexpr float kMatteRoughness = 0.85f;
    bool matte(uint32_t material) const {
        if (material >= m_materials.size() || textured(material)) return false;
        const shaders::MaterialData& m = m_materials[material];
        return m.roughness >= kMatteRoughness && m.metallic <= 0.1f;
    }
    static constexpr uint32_t kTextureSize = 512;

    // Mutable access marks the instances for upload in the next frame.
    std::vector<Instance>& editInstances() {
        m_generation++;
        m_instancesDirty = true;
        m_boundsValid = false;
        return m_instances;
    }
    // For instances that move every frame (drones, trails, live bars): like editInstances(),
    // but generation() stays, so the shadow map is not redrawn each frame. Give such instances
    // kInstanceNoShadow, or the cached shadow map keeps them where they were.
    std::vector<Instance>& editMovingInstances() {
        m_instancesDirty = true;
        m_boundsValid = false;
        return m_instances;
    }
    const std::vector<Instance>& instances() const { return m_instances; }
    // Changes whenever instances may have changed (caches such as the shadow map key on it).
    uint64_t generation() const { return m_generation; }
    // If instances changed, records their upload into the device-local instance buffer at the
    // start of `frame` (through its upload arena, ordered after earlier frames' reads).
    void syncInstances(gfx::FrameData& frame);
    VkBuffer instanceBuffer() const { return m_instanceBuffer.handle(); }
    VkDeviceSize instanceBufferSize() const { return m_instanceBuffer.size(); }
    const std::vector<MeshRange>& meshes() const { return m_meshes; }
    VkBuffer vertexBuffer() const { return m_vertices.handle(); }
    VkBuffer indexBuffer() const { return m_indices.handle(); }
    uint64_t triangleCount() const;
    // World-space bounds of all instances (framing the camera, fitting the shadow map); cached
    // until the instances are edited.
    void bounds(glm::vec3& outMin, glm::vec3& outMax) const;
    // World-space bounds of each level-of-detail group (Instance::lodGroup; index 0 unused,
    // empty where no instance has the group), cached until generation() changes (instances
    // moved with editMovingInstances() must not be in a group).
    struct Box {
        glm::vec3 lo{std::numeric_limits<float>::max()};
        glm::vec3 hi{std::numeric_limits<float>::lowest()};
    };
    const std::vector<Box>& lodGroupBounds() const;

private:
    gfx::Device& m_device;
    std::vector<Vertex> m_cpuVertices;
    std::vector<uint32_t> m_cpuIndices;
    std::vector<MeshRange> m_meshes;
    std::vector<Instance> m_instances;
    gfx::Buffer m_vertices;
    gfx::Buffer m_indices;
    gfx::Buffer m_instanceBuffer;
    std::vector<std::vector<uint8_t>> m_textureLayers;  // kTextureSize^2 RGBA8 each (sRGB)
    std::vector<std::vector<uint8_t>> m_dataLayers;     // the same, linear
    std::vector<shaders::MaterialData> m_materials;
    gfx::Image m_textureArray;
    gfx::Image m_dataTextureArray;
    gfx::Buffer m_materialBuffer;
    bool m_texturesDirty = true;
    bool m_dirty = false;
    bool m_instancesDirty = true;
    uint64_t m_generation = 0;
    mutable bool m_boundsValid = false;
    mutable std::vector<Box> m_groupBounds;
    mutable uint64_t m_groupBoundsGeneration = ~0ull;
    mutable glm::vec3 m_boundsMin{0.0f}, m_boundsMax{0.0f};
};

}  // namespace pt::render
