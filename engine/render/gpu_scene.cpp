#include "render/gpu_scene.h"

#include <algorithm>
#include <limits>

#include "gfx/device.h"

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
}

}  // namespace pt::render
