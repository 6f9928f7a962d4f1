#include "render/renderer.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "gfx/device.h"
#include "gfx/vk_check.h"
#include "shaders/shader_library.h"
#include "shaders/shared/scene_types.h"

namespace pt::render {
namespace {

constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

template <class T>
gfx::UploadSlice upload(gfx::FrameData& frame, std::span<const T> items, VkDeviceSize align = 256) {
    const VkDeviceSize bytes = std::max<VkDeviceSize>(items.size_bytes(), sizeof(T));
    gfx::UploadSlice slice = frame.uploads.allocate(bytes, align);
    if (!items.empty()) std::memcpy(slice.bytes.data(), items.data(), items.size_bytes());
    return slice;
}

shaders::FrameGlobals makeGlobals(const Camera& camera, const Lighting& l, VkExtent2D extent) {
    const float aspect = float(extent.width) / float(std::max(extent.height, 1u));
    shaders::FrameGlobals g{};
    g.view = camera.view();
    g.viewProj = camera.projection(aspect) * g.view;
    g.inverseViewProj = glm::inverse(g.viewProj);
    g.cameraPosition = glm::vec4(camera.eye, 1.0f);
    g.sunDirection = glm::vec4(glm::normalize(l.sunDirection), l.sunIntensity);
    g.sunColor = glm::vec4(l.sunColor, 0.0f);
    g.skyColor = glm::vec4(l.skyColor, l.exposure);
    g.groundColor = glm::vec4(l.groundColor, 0.0f);
    g.viewport = {float(extent.width), float(extent.height), 1.0f / float(extent.width),
                  1.0f / float(extent.height)};
    return g;
}

}  // namespace

Renderer::Renderer(gfx::Device& device, const RendererDesc& desc)
    : m_device(device), m_samples(device.maxSamples(desc.samples)) {
    const VkShaderStageFlags both = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    m_layout = gfx::PipelineLayout(
        device,
        {.sets = {{{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, both, nullptr},
                   {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr}}},
         .name = "scene pipeline layout"});
}

void Renderer::ensurePipelines(VkFormat colorFormat) {
    if (colorFormat == m_pipelineFormat) return;
    m_pipelineFormat = colorFormat;
    gfx::GraphicsPipelineDesc mesh{
        .vertexSpirv = shaders::spirv("mesh.vert"),
        .fragmentSpirv = shaders::spirv("mesh.frag"),
        .vertexBindings = {{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX}},
        .vertexAttributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, position)},
                             {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, normal)}},
        .colorFormats = {colorFormat},
        .depthFormat = kDepthFormat,
        .samples = m_samples,
        .layout = m_layout.handle(),
        .name = "opaque meshes"};
    m_opaque = gfx::Pipeline(m_device, mesh);
    mesh.blend = gfx::BlendMode::Alpha;
    mesh.depthWrite = false;
    mesh.cullMode = VK_CULL_MODE_NONE;  // glass is seen from both sides
    mesh.name = "transparent meshes";
    m_transparent = gfx::Pipeline(m_device, mesh);
    m_sky = gfx::Pipeline(m_device, {.vertexSpirv = shaders::spirv("sky.vert"),
                                     .fragmentSpirv = shaders::spirv("sky.frag"),
                                     .cullMode = VK_CULL_MODE_NONE,
                                     .depthTest = false,
                                     .depthWrite = false,
                                     .colorFormats = {colorFormat},
                                     .depthFormat = kDepthFormat,
                                     .samples = m_samples,
                                     .layout = m_layout.handle(),
                                     .name = "sky"});
}

void Renderer::ensureAttachments(const TargetImage& target) {
    const VkExtent2D e = target.extent;
    if (m_depth && m_depth.extent().width == e.width && m_depth.extent().height == e.height &&
        (m_samples == VK_SAMPLE_COUNT_1_BIT || m_msaaColor.format() == target.format))
        return;
    // The old attachments retire with this frame; nothing waits.
    m_depth = gfx::Image::create(m_device, {.extent = e,
                                            .format = kDepthFormat,
                                            .usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT,
                                            .samples = m_samples,
                                            .name = "scene depth"});
    if (m_samples != VK_SAMPLE_COUNT_1_BIT)
        m_msaaColor = gfx::Image::create(
            m_device,
            {.extent = e,
             .format = target.format,
             .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
             .samples = m_samples,
             .name = "scene colour (MSAA)"});
}

void Renderer::render(gfx::FrameData& frame, const GpuScene& scene, const Camera& camera,
                      const Lighting& lighting, const TargetImage& target) {
    const auto cpuStart = std::chrono::steady_clock::now();
    ensurePipelines(target.format);
    ensureAttachments(target);
    const VkCommandBuffer cmd = frame.cmd;

    // Per-frame data: globals, instances, and one indirect draw per instance, opaque first,
    // then transparent ones far to near so blending composes correctly.
    const shaders::FrameGlobals globals = makeGlobals(camera, lighting, target.extent);
    const auto& instances = scene.instances();
    std::vector<shaders::InstanceData> gpuInstances(instances.size());
    std::vector<uint32_t> opaque, transparent;
    for (size_t i = 0; i < instances.size(); ++i) {
        const Instance& in = instances[i];
        gpuInstances[i] = {in.transform, in.color, in.entity, in.flags, 0, 0};
        (in.color.a < 0.999f ? transparent : opaque).push_back(uint32_t(i));
    }
    std::vector<float> depthKey(instances.size());
    for (uint32_t i : transparent)
        depthKey[i] = glm::length(glm::vec3(instances[i].transform[3]) - camera.eye);
    std::sort(transparent.begin(), transparent.end(),
              [&](uint32_t a, uint32_t b) { return depthKey[a] > depthKey[b]; });
    std::vector<VkDrawIndexedIndirectCommand> draws;
    draws.reserve(instances.size());
    for (const auto* list : {&opaque, &transparent})
        for (uint32_t i : *list) {
            const MeshRange& m = scene.meshes()[instances[i].mesh];
            draws.push_back({m.indexCount, 1, m.firstIndex, m.vertexOffset, i});
        }
    const gfx::UploadSlice globalsSlice = upload(frame, std::span(&globals, 1));
    const gfx::UploadSlice instanceSlice =
        upload(frame, std::span<const shaders::InstanceData>(gpuInstances));
    const gfx::UploadSlice drawSlice =
        upload(frame, std::span<const VkDrawIndexedIndirectCommand>(draws));

    const VkDescriptorSet set =
        frame.allocateDescriptorSet(m_device.handle(), m_layout.setLayout(0));
    const VkDescriptorBufferInfo globalsInfo{globalsSlice.buffer, globalsSlice.offset,
                                             sizeof(globals)};
    const VkDescriptorBufferInfo instanceInfo{instanceSlice.buffer, instanceSlice.offset,
                                              instanceSlice.bytes.size()};
    const VkWriteDescriptorSet writes[] = {{.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
                                            .dstSet = set,
                                            .dstBinding = 0,
                                            .descriptorCount = 1,
                                            .descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER,
                                            .pBufferInfo = &globalsInfo},
                                           {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
                                            .dstSet = set,
                                            .dstBinding = 1,
                                            .descriptorCount = 1,
                                            .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                            .pBufferInfo = &instanceInfo}};
    vkUpdateDescriptorSets(m_device.handle(), 2, writes, 0, nullptr);

    const bool msaa = m_samples != VK_SAMPLE_COUNT_1_BIT;
    const VkPipelineStageFlags2 colorStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    const VkAccessFlags2 colorWrite = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
    gfx::imageBarrier(cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                      VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, colorStage, colorWrite, colorStage,
                      colorWrite);
    if (msaa)
        gfx::imageBarrier(cmd, m_msaaColor.handle(), VK_IMAGE_ASPECT_COLOR_BIT,
                          VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                          colorStage, colorWrite, colorStage, colorWrite);
    const VkPipelineStageFlags2 depthStages =
        VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
    gfx::imageBarrier(cmd, m_depth.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                      VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, depthStages,
                      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, depthStages,
                      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                          VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT);

    frame.timer.begin(cmd, "scene");
    const VkRenderingAttachmentInfo color{
        .sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
        .imageView = msaa ? m_msaaColor.view() : target.view,
        .imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
        .resolveMode = msaa ? VK_RESOLVE_MODE_AVERAGE_BIT : VK_RESOLVE_MODE_NONE,
        .resolveImageView = msaa ? target.view : VK_NULL_HANDLE,
        .resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
        .loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR,
        .storeOp = msaa ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE,
        .clearValue = {.color = {{0.0f, 0.0f, 0.0f, 1.0f}}}};
    const VkRenderingAttachmentInfo depth{
        .sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
        .imageView = m_depth.view(),
        .imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
        .loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR,
        .storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE,
        .clearValue = {.depthStencil = {0.0f, 0}}};  // reversed-Z: far is 0
    const VkRenderingInfo rendering{.sType = VK_STRUCTURE_TYPE_RENDERING_INFO,
                                    .renderArea = {{0, 0}, target.extent},
                                    .layerCount = 1,
                                    .colorAttachmentCount = 1,
                                    .pColorAttachments = &color,
                                    .pDepthAttachment = &depth};
    vkCmdBeginRendering(cmd, &rendering);
    const VkViewport viewport{0, 0, float(target.extent.width), float(target.extent.height), 0, 1};
    const VkRect2D scissor{{0, 0}, target.extent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_layout.handle(), 0, 1, &set, 0,
                            nullptr);

    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_sky.handle());
    vkCmdDraw(cmd, 3, 1, 0, 0);
    if (!draws.empty() && scene.vertexBuffer() != VK_NULL_HANDLE) {
        const VkDeviceSize zero = 0;
        const VkBuffer vb = scene.vertexBuffer();
        vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
        vkCmdBindIndexBuffer(cmd, scene.indexBuffer(), 0, VK_INDEX_TYPE_UINT32);
        const uint32_t stride = sizeof(VkDrawIndexedIndirectCommand);
        if (!opaque.empty()) {
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_opaque.handle());
            vkCmdDrawIndexedIndirect(cmd, drawSlice.buffer, drawSlice.offset,
                                     uint32_t(opaque.size()), stride);
        }
        if (!transparent.empty()) {
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_transparent.handle());
            vkCmdDrawIndexedIndirect(cmd, drawSlice.buffer,
                                     drawSlice.offset + opaque.size() * stride,
                                     uint32_t(transparent.size()), stride);
        }
    }
    vkCmdEndRendering(cmd);
    frame.timer.end(cmd);

    m_stats.drawnInstances = uint32_t(draws.size());
    m_stats.drawnTriangles = scene.triangleCount();
    m_stats.cpuRecordMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - cpuStart)
            .count();
}

}  // namespace pt::render
