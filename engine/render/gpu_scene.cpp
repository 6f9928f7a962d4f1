#include "render/gpu_scene.h"

#include <algorithm>
#include <limits>

#include <cstring>

#include "gfx/device.h"
#include "gfx/frame_ring.h"
#include "shaders/shared/scene_types.h"

namespace pt::render {

GpuScene::GpuScene(gfx::Device& device) : m_device(device) {}

uint32_t GpuScene::addMesh(const MeshData& mesh) {
    MeshRange range{.firstIndex = uint32_t(m_cpuIndices.size()),
                    .indexCount = uint32_t(mesh.indices.size()),
                    .vertexOffset = int32_t(m_cpuVertices.size())};
    range.boundsMin = glm::vec3(std::numeric_limits<float>::max());
    range.boundsMax = glm::vec3(std::numeric_limits<float>::lowest());
    for (const Vertex& v : mesh.vertices) {
        range.boundsMin = glm::min(range.boundsMin, v.position);
        range.boundsMax = glm::max(range.boundsMax, v.position);
    }
    if (mesh.vertices.empty()) range.boundsMin = range.boundsMax = glm::vec3(0.0f);
    m_cpuVertices.insert(m_cpuVertices.end(), mesh.vertices.begin(), mesh.vertices.end());
    m_cpuIndices.insert(m_cpuIndices.end(), mesh.indices.begin(), mesh.indices.end());
    m_meshes.push_back(range);
    m_dirty = true;
    return uint32_t(m_meshes.size() - 1);
}

void GpuScene::commit() {
    if (!m_dirty) return;
    // The whole arena is re-uploaded: meshes are added in bulk at load time, so this runs once
    // per loaded park, and the old buffers retire safely with the current frame.
    m_vertices = gfx::Buffer::createWithData(
        m_device, {.usage = VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, .name = "vertex arena"},
        std::as_bytes(std::span(m_cpuVertices)));
    m_indices = gfx::Buffer::createWithData(
        m_device, {.usage = VK_BUFFER_USAGE_INDEX_BUFFER_BIT, .name = "index arena"},
        std::as_bytes(std::span(m_cpuIndices)));
    m_dirty = false;
}

uint64_t GpuScene::triangleCount() const {
    uint64_t triangles = 0;
    for (const Instance& i : m_instances)
        triangles += m_meshes[i.mesh].indexCount / 3;
    return triangles;
}

void GpuScene::bounds(glm::vec3& outMin, glm::vec3& outMax) const {
    if (m_boundsValid) {
        outMin = m_boundsMin;
        outMax = m_boundsMax;
        return;
    }
    outMin = glm::vec3(std::numeric_limits<float>::max());
    outMax = glm::vec3(std::numeric_limits<float>::lowest());
    for (const Instance& inst : m_instances) {
        const MeshRange& m = m_meshes[inst.mesh];
        for (int corner = 0; corner < 8; ++corner) {
            const glm::vec3 local{corner & 1 ? m.boundsMax.x : m.boundsMin.x,
                                  corner & 2 ? m.boundsMax.y : m.boundsMin.y,
                                  corner & 4 ? m.boundsMax.z : m.boundsMin.z};
            const glm::vec3 world = glm::vec3(inst.transform * glm::vec4(local, 1.0f));
            outMin = glm::min(outMin, world);
            outMax = glm::max(outMax, world);
        }
    }
    if (m_instances.empty()) outMin = outMax = glm::vec3(0.0f);
    m_boundsMin = outMin;
    m_boundsMax = outMax;
    m_boundsValid = true;
}

}  // namespace pt::render

namespace pt::render {

void GpuScene::syncInstances(gfx::FrameData& frame) {
    if (!m_instancesDirty && m_instanceBuffer) return;
    m_instancesDirty = false;
    const VkDeviceSize bytes =
        std::max<VkDeviceSize>(m_instances.size(), 1) * sizeof(shaders::InstanceData);
    if (m_instanceBuffer.size() < bytes)
        m_instanceBuffer = gfx::Buffer::create(
            m_device,
            {.size = bytes,
             .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
             .name = "instances"});
    const gfx::UploadSlice staging = frame.uploads.allocate(bytes, 16);
    auto* out = reinterpret_cast<shaders::InstanceData*>(staging.bytes.data());
    for (size_t i = 0; i < m_instances.size(); ++i) {
        const Instance& in = m_instances[i];
        out[i] = {in.transform, in.color, in.entity, in.flags, 0, 0};
    }
    // Earlier frames may still read the old contents: order the copy after them.
    const VkMemoryBarrier2 before{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2,
                                  .srcStageMask = VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                                  .srcAccessMask = VK_ACCESS_2_SHADER_STORAGE_READ_BIT,
                                  .dstStageMask = VK_PIPELINE_STAGE_2_COPY_BIT,
                                  .dstAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT};
    const VkDependencyInfo depBefore{.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO,
                                     .memoryBarrierCount = 1,
                                     .pMemoryBarriers = &before};
    vkCmdPipelineBarrier2(frame.cmd, &depBefore);
    const VkBufferCopy region{.srcOffset = staging.offset, .size = bytes};
    vkCmdCopyBuffer(frame.cmd, staging.buffer, m_instanceBuffer.handle(), 1, &region);
    const VkMemoryBarrier2 after{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2,
                                 .srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT,
                                 .srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                 .dstStageMask = VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                                 .dstAccessMask = VK_ACCESS_2_SHADER_STORAGE_READ_BIT};
    const VkDependencyInfo depAfter{.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO,
                                    .memoryBarrierCount = 1,
                                    .pMemoryBarriers = &after};
    vkCmdPipelineBarrier2(frame.cmd, &depAfter);
}

}  // namespace pt::render
