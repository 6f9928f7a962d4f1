#pragma once
// The GPU copy of a scene: every mesh in one vertex arena and one index arena, instances in a
// storage buffer. Meshes are added at load time (commit() uploads them in one go); instances can
// change every frame. Render-thread only; lives as long as the scene it mirrors.
#include <cstdint>
#include <vector>

#include "core/image_io.h"
#include "gfx/buffer.h"
#include "gfx/image.h"
#include "render/mesh_data.h"

namespace pt::gfx {
class Device;
struct FrameData;
}  // namespace pt::gfx

namespace pt::render {

struct MeshRange {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0;
    int32_t vertexOffset = 0;
    glm::vec3 boundsMin{0.0f};
    glm::vec3 boundsMax{0.0f};
};

class GpuScene {
public:
    explicit GpuScene(gfx::Device& device);

    // Queues a mesh for upload; returns its index for Instance::mesh.
    uint32_t addMesh(const MeshData& mesh);
    // Queues a base-colour texture (sRGB RGBA8, any size: resampled to kTextureSize with a mip
    // chain) and returns the value for Instance::texture. Lavapipe cannot index arrays of
    // textures dynamically, so all textures share one 2D array image, one layer each.
    uint32_t addTexture(const RgbaImage& image);
    // Uploads every mesh and texture added since the last commit (waits for the copies: load
    // time only).
    void commit();
    // The base-colour texture array (layer 0 is white, for untextured instances).
    VkImageView textureArrayView() const { return m_textureArray.view(); }
    static constexpr uint32_t kTextureSize = 512;

    // Mutable access marks the instances for upload in the next frame.
    std::vector<Instance>& editInstances() {
        m_generation++;
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

private:
    gfx::Device& m_device;
    std::vector<Vertex> m_cpuVertices;
    std::vector<uint32_t> m_cpuIndices;
    std::vector<MeshRange> m_meshes;
    std::vector<Instance> m_instances;
    gfx::Buffer m_vertices;
    gfx::Buffer m_indices;
    gfx::Buffer m_instanceBuffer;
    std::vector<std::vector<uint8_t>> m_textureLayers;  // kTextureSize^2 RGBA8 each
    gfx::Image m_textureArray;
    bool m_texturesDirty = true;
    bool m_dirty = false;
    bool m_instancesDirty = true;
    uint64_t m_generation = 0;
    mutable bool m_boundsValid = false;
    mutable glm::vec3 m_boundsMin{0.0f}, m_boundsMax{0.0f};
};

}  // namespace pt::render
