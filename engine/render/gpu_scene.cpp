#include "render/gpu_scene.h"

#include <algorithm>
#include <limits>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "gfx/device.h"
#include "gfx/frame_ring.h"
#include "shaders/shared/scene_types.h"

namespace pt::render {

namespace {

// Bilinear resample of an RGBA8 image to size x size (textures are small: simple is fine).
std::vector<uint8_t> resample(const RgbaImage& in, uint32_t size) {
    std::vector<uint8_t> out(size_t(size) * size * 4);
    for (uint32_t y = 0; y < size; ++y)
        for (uint32_t x = 0; x < size; ++x) {
            const float fx = (x + 0.5f) * in.width / size - 0.5f,
                        fy = (y + 0.5f) * in.height / size - 0.5f;
            const int x0 = std::clamp(int(std::floor(fx)), 0, int(in.width) - 1);
            const int y0 = std::clamp(int(std::floor(fy)), 0, int(in.height) - 1);
            const int x1 = std::min(x0 + 1, int(in.width) - 1),
                      y1 = std::min(y0 + 1, int(in.height) - 1);
            const float tx = std::clamp(fx - x0, 0.0f, 1.0f), ty = std::clamp(fy - y0, 0.0f, 1.0f);
            for (int c = 0; c < 4; ++c) {
                const float top = in.at(x0, y0)[c] * (1 - tx) + in.at(x1, y0)[c] * tx;
                const float bottom = in.at(x0, y1)[c] * (1 - tx) + in.at(x1, y1)[c] * tx;
                out[(size_t(y) * size + x) * 4 + c] =
                    uint8_t(std::lround(top * (1 - ty) + bottom * ty));
            }
        }
    return out;
}

// Halves an RGBA8 image with a 2x2 box filter (in sRGB space; close enough for mips).
std::vector<uint8_t> halve(const std::vector<uint8_t>& in, uint32_t size) {
    const uint32_t half = size / 2;
    std::vector<uint8_t> out(size_t(half) * half * 4);
    for (uint32_t y = 0; y < half; ++y)
        for (uint32_t x = 0; x < half; ++x)
            for (int c = 0; c < 4; ++c) {
                const auto px = [&](uint32_t sx, uint32_t sy) {
                    return int(in[(size_t(sy) * size + sx) * 4 + c]);
                };
                out[(size_t(y) * half + x) * 4 + c] =
                    uint8_t((px(2 * x, 2 * y) + px(2 * x + 1, 2 * y) + px(2 * x, 2 * y + 1) +
                             px(2 * x + 1, 2 * y + 1) + 2) /
                            4);
            }
    return out;
}

// All layers with a full mip chain in one array image (load time only).
gfx::Image uploadArray(gfx::Device& device, const std::vector<std::vector<uint8_t>>& layers,
                       VkFormat format, const std::string& name) {
    std::vector<std::vector<std::byte>> mips;
    std::vector<std::vector<uint8_t>> level = layers;
    for (uint32_t size = GpuScene::kTextureSize; size >= 1; size /= 2) {
        std::vector<std::byte> all;
        for (auto& layer : level) {
            const auto* b = reinterpret_cast<const std::byte*>(layer.data());
            all.insert(all.end(), b, b + layer.size());
            if (size > 1) layer = halve(layer, size);
        }
        mips.push_back(std::move(all));
    }
    return gfx::Image::createTextureArray(device, {GpuScene::kTextureSize, GpuScene::kTextureSize},
                                          format, uint32_t(layers.size()), mips, name);
}

}  // namespace

GpuScene::GpuScene(gfx::Device& device) : m_device(device) {
    m_textureLayers.emplace_back(size_t(kTextureSize) * kTextureSize * 4, uint8_t(255));  // white
    // Linear layer 0 is neutral for every data map: occlusion 1 (r), roughness and metalness
    // factors kept (g = b = 1), and a flat tangent-space normal (0.5, 0.5, 1).
    std::vector<uint8_t> neutral(size_t(kTextureSize) * kTextureSize * 4, uint8_t(255));
    m_dataLayers.push_back(neutral);
    m_materials.push_back({.emissive = glm::vec4(0.0f),
                           .metallic = 0.0f,
                           .roughness = 0.85f,
                           .occlusionStrength = 0.0f});
    m_dirty = true;  // the material table must exist even for an empty scene
}

uint32_t GpuScene::addTexture(const RgbaImage& image, bool srgb) {
    if (image.width == 0 || image.height == 0) return 0;
    auto& layers = srgb ? m_textureLayers : m_dataLayers;
    layers.push_back(resample(image, kTextureSize));
    m_texturesDirty = true;
    return uint32_t(layers.size() - 1);
}

uint32_t GpuScene::addMaterial(const shaders::MaterialData& material) {
    m_materials.push_back(material);
    m_dirty = true;
    return uint32_t(m_materials.size() - 1);
}

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
    range.farFirstIndex = range.firstIndex;
    range.farIndexCount = range.indexCount;
    range.farVertexOffset = range.vertexOffset;
    std::vector<uint32_t> far = withoutThinParts(mesh, kThinPartMetres);
    if (far.size() < mesh.indices.size()) {
        // Only the vertices the far indices use, renumbered in first-use order.
        std::vector<uint32_t> remap(mesh.vertices.size(), ~0u);
        range.farVertexOffset = int32_t(m_cpuVertices.size());
        for (uint32_t& index : far) {
            if (remap[index] == ~0u) {
                remap[index] = uint32_t(m_cpuVertices.size()) - uint32_t(range.farVertexOffset);
                m_cpuVertices.push_back(mesh.vertices[index]);
            }
            index = remap[index];
        }
        range.farFirstIndex = uint32_t(m_cpuIndices.size());
        range.farIndexCount = uint32_t(far.size());
        m_cpuIndices.insert(m_cpuIndices.end(), far.begin(), far.end());
    }
    m_meshes.push_back(range);
    m_dirty = true;
    return uint32_t(m_meshes.size() - 1);
}

void GpuScene::commit() {
    if (m_texturesDirty) {
        m_texturesDirty = false;
        m_textureArray =
            uploadArray(m_device, m_textureLayers, VK_FORMAT_R8G8B8A8_SRGB, "colour textures");
        m_dataTextureArray =
            uploadArray(m_device, m_dataLayers, VK_FORMAT_R8G8B8A8_UNORM, "data textures");
    }
    if (!m_dirty) return;
    m_dirty = false;
    m_materialBuffer = gfx::Buffer::createWithData(
        m_device, {.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, .name = "materials"},
        std::as_bytes(std::span(m_materials)));
    if (m_cpuVertices.empty() || m_cpuIndices.empty()) return;
    // The whole arena is re-uploaded: meshes are added in bulk at load time, so this runs once
    // per loaded park, and the old buffers retire safely with the current frame.
    m_vertices = gfx::Buffer::createWithData(
        m_device, {.usage = VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, .name = "vertex arena"},
        std::as_bytes(std::span(m_cpuVertices)));
    m_indices = gfx::Buffer::createWithData(
        m_device, {.usage = VK_BUFFER_USAGE_INDEX_BUFFER_BIT, .name = "index arena"},
        std::as_bytes(std::span(m_cpuIndices)));
}

uint64_t GpuScene::triangleCount() const {
    uint64_t triangles = 0;
    for (const Instance& i : m_instances)
        triangles += m_meshes[i.mesh].indexCount / 3;
    return triangles;
}

void GpuScene::bounds(glm::vec3& outMin, glm::vec3& outMax) const {
    if (!m_boundsValid) {
        m_boundsMin = glm::vec3(std::numeric_limits<float>::max());
        m_boundsMax = glm::vec3(std::numeric_limits<float>::lowest());
        for (const Instance& inst : m_instances)
            growBounds(m_meshes[inst.mesh], inst.transform, m_boundsMin, m_boundsMax);
        if (m_instances.empty()) m_boundsMin = m_boundsMax = glm::vec3(0.0f);
        m_boundsValid = true;
    }
    outMin = m_boundsMin;
    outMax = m_boundsMax;
}

const std::vector<GpuScene::Box>& GpuScene::lodGroupBounds() const {
    if (m_groupBoundsGeneration == m_generation) return m_groupBounds;
    m_groupBounds.clear();
    for (const Instance& inst : m_instances) {
        if (inst.lodGroup == 0) continue;
        if (inst.lodGroup >= m_groupBounds.size()) m_groupBounds.resize(inst.lodGroup + 1);
        Box& group = m_groupBounds[inst.lodGroup];
        growBounds(m_meshes[inst.mesh], inst.transform, group.lo, group.hi);
    }
    m_groupBoundsGeneration = m_generation;
    return m_groupBounds;
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
        out[i] = {in.transform, in.color, in.entity, in.flags, in.material, 0};
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
