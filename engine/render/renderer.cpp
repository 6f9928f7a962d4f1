#include "render/renderer.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include <glm/gtc/matrix_transform.hpp>

#include "gfx/device.h"
#include "gfx/vk_check.h"
#include "shaders/shader_library.h"

namespace pt::render {
namespace {

constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;
constexpr VkFormat kIdFormat = VK_FORMAT_R32_UINT;
// 2048 texels over a ~1 km park is ~0.5 m per texel: crisp enough for building shadows, and
// cheap on a CPU rasteriser because it is only redrawn when the sun or the scene changes.
constexpr uint32_t kShadowMapSize = 2048;

// An orthographic sun view that encloses the whole scene (its bounding sphere).
glm::mat4 fitSunToScene(const GpuScene& scene, const glm::vec3& sunDirection) {
    glm::vec3 lo, hi;
    scene.bounds(lo, hi);
    const glm::vec3 centre = (lo + hi) * 0.5f;
    const float radius = std::max(glm::length(hi - lo) * 0.5f, 1.0f);
    const glm::vec3 dir = glm::normalize(sunDirection);
    const glm::vec3 up = std::abs(dir.y) > 0.99f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0);
    const glm::mat4 view = glm::lookAt(centre + dir * radius * 2.0f, centre, up);
    return glm::orthoRH_ZO(-radius, radius, -radius, radius, radius, radius * 3.0f) * view;
}

template <class T>
gfx::UploadSlice upload(gfx::FrameData& frame, std::span<const T> items, VkDeviceSize align = 256) {
    const VkDeviceSize bytes = std::max<VkDeviceSize>(items.size_bytes(), sizeof(T));
    gfx::UploadSlice slice = frame.uploads.allocate(bytes, align);
    if (!items.empty()) std::memcpy(slice.bytes.data(), items.data(), items.size_bytes());
    return slice;
}

shaders::FrameGlobals makeGlobals(const RenderView& view, VkExtent2D extent, const glm::mat4& light,
                                  const SkyLight& sky) {
    const Lighting& l = view.lighting;
    const float aspect = float(extent.width) / float(std::max(extent.height, 1u));
    shaders::FrameGlobals g{};
    g.view = view.camera.view();
    g.viewProj = view.camera.projection(aspect) * g.view;
    g.inverseViewProj = glm::inverse(g.viewProj);
    g.cameraPosition = glm::vec4(view.camera.eye, 1.0f);
    g.sunDirection = glm::vec4(glm::normalize(l.sunDirection), l.sunIntensity);
    g.sunColor = glm::vec4(l.sunColor, 0.0f);
    g.skyColor = glm::vec4(l.skyColor, l.exposure);
    g.groundColor = glm::vec4(l.groundColor, 0.0f);
    g.viewport = {float(extent.width), float(extent.height), 1.0f / float(extent.width),
                  1.0f / float(extent.height)};
    g.clipPlane = view.clipPlane.value_or(glm::vec4(0.0f));
    g.selectionColor = view.selectionColor;
    g.lightViewProj = light;
    g.params = {view.timeSeconds, view.ghostOpacity, l.night, l.shadowStrength};
    g.ids = {view.hoveredEntity, uint32_t(view.entities.size()), 0u, 0u};
    for (int k = 0; k < 9; ++k) {
        g.ambientSh[k] = glm::vec4(sky.ambient[k], 0.0f);
        g.skySh[k] = glm::vec4(sky.blurredSky[k], 0.0f);
    }
    return g;
}

}  // namespace

Renderer::Renderer(gfx::Device& device, const RendererDesc& desc)
    : m_device(device),
      m_samples(device.maxSamples(desc.samples)),
      m_levelOfDetail(desc.levelOfDetail) {
    const VkShaderStageFlags both = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    m_layout = gfx::PipelineLayout(
        device,
        {.sets = {{{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, both, nullptr},
                   {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
                   {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
                   {3, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT,
                    nullptr},
                   {4, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT,
                    nullptr},
                   {5, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
                   {6, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT,
                    nullptr},
                   // The shadow map's depths, nearest (the endless ground: one fetch a pixel).
                   {7, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT,
                    nullptr}}},
         .name = "scene pipeline layout"});
    m_outlineLayout = gfx::PipelineLayout(
        device,
        {.sets = {{{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
                   {1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT,
                    nullptr},
                   {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT,
                    nullptr}}},
         .name = "outline pipeline layout"});
    const VkSamplerCreateInfo samplerInfo{.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
                                          .magFilter = VK_FILTER_NEAREST,
                                          .minFilter = VK_FILTER_NEAREST,
                                          .addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
                                          .addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
                                          .addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE};
    PT_VK_CHECK(vkCreateSampler(device.handle(), &samplerInfo, nullptr, &m_idSampler));
    device.setName(VK_OBJECT_TYPE_SAMPLER, m_idSampler, "entity id sampler");
    const VkSamplerCreateInfo shadowInfo{.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
                                         .magFilter = VK_FILTER_LINEAR,
                                         .minFilter = VK_FILTER_LINEAR,
                                         .addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER,
                                         .addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER,
                                         .addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER,
                                         .compareEnable = VK_TRUE,
                                         .compareOp = VK_COMPARE_OP_LESS_OR_EQUAL,
                                         .borderColor = VK_BORDER_COLOR_FLOAT_OPAQUE_WHITE};
    PT_VK_CHECK(vkCreateSampler(device.handle(), &shadowInfo, nullptr, &m_shadowSampler));
    device.setName(VK_OBJECT_TYPE_SAMPLER, m_shadowSampler, "shadow sampler");
    const VkSamplerCreateInfo textureInfo{.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
                                          .magFilter = VK_FILTER_LINEAR,
                                          .minFilter = VK_FILTER_LINEAR,
                                          .mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR,
                                          .addressModeU = VK_SAMPLER_ADDRESS_MODE_REPEAT,
                                          .addressModeV = VK_SAMPLER_ADDRESS_MODE_REPEAT,
                                          .addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
                                          .maxLod = VK_LOD_CLAMP_NONE};
    PT_VK_CHECK(vkCreateSampler(device.handle(), &textureInfo, nullptr, &m_textureSampler));
    device.setName(VK_OBJECT_TYPE_SAMPLER, m_textureSampler, "base colour sampler");
    m_shadowMap = gfx::Image::create(
        device, {.extent = {kShadowMapSize, kShadowMapSize},
                 .format = kDepthFormat,
                 .usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
                 .name = "sun shadow map"});
    m_shadow = gfx::Pipeline(
        device,
        {.vertexSpirv = shaders::spirv("shadow.vert"),
         .vertexBindings = {{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX}},
         .vertexAttributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, position)}},
         .cullMode = VK_CULL_MODE_NONE,
         .depthBias = true,
         .depthCompare = VK_COMPARE_OP_LESS_OR_EQUAL,
         .depthFormat = kDepthFormat,
         .layout = m_layout.handle(),
         .name = "sun shadow map"});
    for (uint32_t i = 0; i < m_picks.size(); ++i)
        m_picks[i].buffer =
            gfx::Buffer::create(device, {.size = 16,
                                         .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                         .memory = gfx::MemoryUsage::Readback,
                                         .name = "pick readback " + std::to_string(i)});
}

Renderer::~Renderer() {
    gfx::Device* device = &m_device;
    m_device.retire([device, s = m_idSampler, shadow = m_shadowSampler, tex = m_textureSampler] {
        vkDestroySampler(device->handle(), s, nullptr);
        vkDestroySampler(device->handle(), shadow, nullptr);
        vkDestroySampler(device->handle(), tex, nullptr);
    });
}

void Renderer::ensurePipelines(VkFormat colorFormat) {
    if (colorFormat == m_pipelineFormat) return;
    m_pipelineFormat = colorFormat;
    gfx::GraphicsPipelineDesc mesh{
        .vertexSpirv = shaders::spirv("mesh.vert"),
        .fragmentSpirv = shaders::spirv("mesh.frag"),
        .vertexBindings = {{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX}},
        .vertexAttributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, position)},
                             {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, normal)},
                             {2, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(Vertex, uv)}},
        .colorFormats = {colorFormat, kIdFormat},
        .depthFormat = kDepthFormat,
        .samples = m_samples,
        .layout = m_layout.handle(),
        .name = "opaque meshes"};
    auto fragment = [](bool clipped, bool glass, uint8_t variant) {
        std::string parts = std::string(clipped ? "+clip" : "") + (glass ? "+glass" : "") +
                            (variant == kShadeTextured ? "+textured"
                             : variant == kShadeMatte  ? "+matte"
                             : variant == kShadeWindow ? "+window"
                                                       : "");
        return shaders::spirv(parts.empty() ? "mesh.frag" : "mesh.frag@" + parts.substr(1));
    };
    const char* variantNames[] = {"", ", textured", ", matte", ", window"};
    for (int clipped = 0; clipped < 2; ++clipped)
        for (uint8_t variant : {kShadePlain, kShadeTextured, kShadeMatte, kShadeWindow}) {
            const bool textured = variant == kShadeTextured;
            gfx::GraphicsPipelineDesc opaque = mesh;
            opaque.vertexSpirv = shaders::spirv(textured ? "mesh.vert@textured" : "mesh.vert");
            opaque.fragmentSpirv = fragment(clipped, false, variant);
            // Cut buildings show their insides: two-sided.
            if (clipped) opaque.cullMode = VK_CULL_MODE_NONE;
            opaque.name =
                std::string("opaque meshes") + (clipped ? ", clipped" : "") + variantNames[variant];
            m_opaque[clipped][variant] = gfx::Pipeline(m_device, opaque);
            if (variant == kShadeMatte || variant == kShadeWindow) continue;
            gfx::GraphicsPipelineDesc transparent = opaque;
            transparent.fragmentSpirv = fragment(clipped, true, variant);
            transparent.cullMode = VK_CULL_MODE_NONE;
            transparent.blend = gfx::BlendMode::Alpha;
            transparent.depthWrite = false;
            transparent.name = std::string("transparent meshes") + (clipped ? ", clipped" : "") +
                               variantNames[variant];
            m_transparent[clipped][variant] = gfx::Pipeline(m_device, transparent);
        }
    // Ghosts as an x-ray: the nearest ghost surface per pixel, blended once.
    for (int clipped = 0; clipped < 2; ++clipped) {
        gfx::GraphicsPipelineDesc ghost = mesh;
        ghost.fragmentSpirv = shaders::spirv(clipped ? "mesh.frag@clip+ghost" : "mesh.frag@ghost");
        ghost.cullMode = VK_CULL_MODE_NONE;
        ghost.depthWrite = true;
        ghost.colorWrite = {false, false};
        ghost.name = "ghost depth";
        m_ghostDepth[clipped] = gfx::Pipeline(m_device, ghost);
        ghost.blend = gfx::BlendMode::Alpha;
        ghost.depthWrite = false;
        ghost.depthCompare = VK_COMPARE_OP_EQUAL;
        ghost.colorWrite = {true, true};
        ghost.name = "ghost colour";
        m_ghostColour[clipped] = gfx::Pipeline(m_device, ghost);
    }
    // Drawn after the opaque pass at the far plane: only pixels nothing covered are shaded.
    m_sky = gfx::Pipeline(m_device, {.vertexSpirv = shaders::spirv("sky.vert"),
                                     .fragmentSpirv = shaders::spirv("sky.frag"),
                                     .cullMode = VK_CULL_MODE_NONE,
                                     .depthTest = true,
                                     .depthWrite = false,
                                     .colorFormats = {colorFormat, kIdFormat},
                                     .depthFormat = kDepthFormat,
                                     .samples = m_samples,
                                     .layout = m_layout.handle(),
                                     .name = "sky"});
    m_outline = gfx::Pipeline(m_device, {.vertexSpirv = shaders::spirv("fullscreen.vert"),
                                         .fragmentSpirv = shaders::spirv("outline.frag"),
                                         .cullMode = VK_CULL_MODE_NONE,
                                         .depthTest = false,
                                         .depthWrite = false,
                                         .blend = gfx::BlendMode::Alpha,
                                         .colorFormats = {colorFormat},
                                         .layout = m_outlineLayout.handle(),
                                         .name = "selection outline"});
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
    m_ids = gfx::Image::create(
        m_device, {.extent = e,
                   .format = kIdFormat,
                   .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                            VK_IMAGE_USAGE_SAMPLED_BIT,
                   .name = "entity ids"});
    if (m_samples == VK_SAMPLE_COUNT_1_BIT) return;
    m_msaaColor = gfx::Image::create(m_device, {.extent = e,
                                                .format = target.format,
                                                .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                                                         VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                                                .samples = m_samples,
                                                .name = "scene colour (MSAA)"});
    m_msaaIds = gfx::Image::create(m_device, {.extent = e,
                                              .format = kIdFormat,
                                              .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                                                       VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                                              .samples = m_samples,
                                              .name = "entity ids (MSAA)"});
}

void Renderer::render(gfx::FrameData& frame, GpuScene& scene, const RenderView& view,
                      const TargetImage& target) {
    const auto cpuStart = std::chrono::steady_clock::now();
    ensurePipelines(target.format);
    ensureAttachments(target);
    const VkCommandBuffer cmd = frame.cmd;
    const float aspect = float(target.extent.width) / float(std::max(target.extent.height, 1u));
    buildDrawLists(scene, view, view.camera.viewProjection(aspect), m_lists,
                   m_levelOfDetail ? float(target.extent.height) : 0.0f);

    // This frame's draw order as indirect commands: opaque, then transparent far to near.
    std::vector<VkDrawIndexedIndirectCommand> draws;
    draws.reserve(m_lists.opaque.size() + m_lists.transparent.size());
    uint64_t triangles = 0;
    for (const auto* list : {&m_lists.opaque, &m_lists.transparent, &m_lists.ghost})
        for (uint32_t i : *list) {
            const MeshRange& m = scene.meshes()[scene.instances()[i].mesh];
            const bool far = m_lists.far[i];
            const uint32_t count = far ? m.farIndexCount : m.indexCount;
            // (A far mesh may be empty: a draw of nothing keeps the lists' offsets simple.)
            draws.push_back({count, 1, far ? m.farFirstIndex : m.firstIndex,
                             far ? m.farVertexOffset : m.vertexOffset, i});
            triangles += count / 3;
        }
    const gfx::UploadSlice drawSlice =
        upload(frame, std::span<const VkDrawIndexedIndirectCommand>(draws));
    const bool shadows = view.lighting.shadowStrength > 0.0f;
    const ShadowKey key{scene.generation(), glm::normalize(view.lighting.sunDirection)};
    const bool shadowDirty = shadows && (!m_shadowValid || !(key == m_shadowKey));
    gfx::UploadSlice casterSlice{};
    if (shadowDirty) {
        std::vector<VkDrawIndexedIndirectCommand> casters;
        casters.reserve(m_lists.shadowCasters.size());
        for (uint32_t i : m_lists.shadowCasters) {
            const MeshRange& m = scene.meshes()[scene.instances()[i].mesh];
            casters.push_back({m.indexCount, 1, m.firstIndex, m.vertexOffset, i});
        }
        casterSlice = upload(frame, std::span<const VkDrawIndexedIndirectCommand>(casters));
        m_lightViewProj = fitSunToScene(scene, view.lighting.sunDirection);
    }
    scene.syncInstances(frame);

    // The image-based ambient follows the lighting (time of day); ~0.3 ms to recompute.
    const SkyKey skyKey{view.lighting.skyColor, view.lighting.groundColor, view.lighting.night};
    if (!m_skyLightValid || !(skyKey == m_skyKey)) {
        m_skyLight = skyLight(view.lighting);
        m_skyKey = skyKey;
        m_skyLightValid = true;
    }
    const shaders::FrameGlobals globals =
        makeGlobals(view, target.extent, m_lightViewProj, m_skyLight);
    const gfx::UploadSlice globalsSlice = upload(frame, std::span(&globals, 1));
    const gfx::UploadSlice entitySlice = upload(frame, view.entities);
    const VkDescriptorSet set =
        frame.allocateDescriptorSet(m_device.handle(), m_layout.setLayout(0));
    const VkDescriptorBufferInfo globalsInfo{globalsSlice.buffer, globalsSlice.offset,
                                             sizeof(globals)};
    const VkDescriptorBufferInfo instanceInfo{scene.instanceBuffer(), 0,
                                              scene.instanceBufferSize()};
    const VkDescriptorBufferInfo entityInfo{entitySlice.buffer, entitySlice.offset,
                                            entitySlice.bytes.size()};
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
                                            .pBufferInfo = &instanceInfo},
                                           {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
                                            .dstSet = set,
                                            .dstBinding = 2,
                                            .descriptorCount = 1,
                                            .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                            .pBufferInfo = &entityInfo}};
    vkUpdateDescriptorSets(m_device.handle(), 3, writes, 0, nullptr);
    if (scene.textureArrayView() == VK_NULL_HANDLE) scene.commit();  // an empty, never-loaded scene
    const VkDescriptorBufferInfo materialInfo{scene.materialBuffer(), 0, VK_WHOLE_SIZE};
    const VkDescriptorImageInfo images[] = {
        {m_shadowSampler, m_shadowMap.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        {m_textureSampler, scene.textureArrayView(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        {m_textureSampler, scene.dataTextureArrayView(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        // The shadow map's depths for the endless ground, through the id image's nearest
        // sampler.
        {m_idSampler, m_shadowMap.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL}};
    auto imageWrite = [&](uint32_t binding, const VkDescriptorImageInfo& info) {
        return VkWriteDescriptorSet{.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
                                    .dstSet = set,
                                    .dstBinding = binding,
                                    .descriptorCount = 1,
                                    .descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                                    .pImageInfo = &info};
    };
    const VkWriteDescriptorSet imageWrites[] = {
        imageWrite(3, images[0]),
        imageWrite(4, images[1]),
        {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
         .dstSet = set,
         .dstBinding = 5,
         .descriptorCount = 1,
         .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
         .pBufferInfo = &materialInfo},
        imageWrite(6, images[2]),
        imageWrite(7, images[3])};
    vkUpdateDescriptorSets(m_device.handle(), 5, imageWrites, 0, nullptr);

    if (shadowDirty) {
        recordShadowPass(frame, scene, set, casterSlice);
        m_shadowKey = key;
        m_shadowValid = true;
    } else if (!m_shadowValid) {
        // Never drawn (shadows off): give the sampled image a valid layout; it is not read.
        gfx::imageBarrier(cmd, m_shadowMap.handle(), VK_IMAGE_ASPECT_DEPTH_BIT,
                          VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                          VK_PIPELINE_STAGE_2_NONE, 0, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                          VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
        m_shadowValid = true;
        m_shadowKey = {};
    }

    recordScenePass(frame, scene, target, set, drawSlice, view.clipPlane.has_value());
    recordPickCopy(frame);
    if (m_lists.anySelected) {
        const VkDescriptorSet outlineSet =
            frame.allocateDescriptorSet(m_device.handle(), m_outlineLayout.setLayout(0));
        const VkDescriptorImageInfo idInfo{m_idSampler, m_ids.view(),
                                           VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
        const VkWriteDescriptorSet outlineWrites[] = {
            {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
             .dstSet = outlineSet,
             .dstBinding = 0,
             .descriptorCount = 1,
             .descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER,
             .pBufferInfo = &globalsInfo},
            {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
             .dstSet = outlineSet,
             .dstBinding = 1,
             .descriptorCount = 1,
             .descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
             .pImageInfo = &idInfo},
            {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
             .dstSet = outlineSet,
             .dstBinding = 2,
             .descriptorCount = 1,
             .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
             .pBufferInfo = &entityInfo}};
        vkUpdateDescriptorSets(m_device.handle(), 3, outlineWrites, 0, nullptr);
        recordOutlinePass(frame, target, outlineSet, view);
    }

    m_stats.drawnInstances = uint32_t(draws.size());
    m_stats.culledInstances = m_lists.culled;
    m_stats.hiddenInstances = m_lists.hidden;
    m_stats.farInstances = m_lists.farCount;
    m_stats.drawnTriangles = triangles;
    m_stats.cpuPrepareMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - cpuStart)
            .count();
}

void Renderer::recordScenePass(gfx::FrameData& frame, const GpuScene& scene,
                               const TargetImage& target, VkDescriptorSet set,
                               const gfx::UploadSlice& drawSlice, bool clipping) {
    const VkCommandBuffer cmd = frame.cmd;
    const bool msaa = m_samples != VK_SAMPLE_COUNT_1_BIT;
    const VkPipelineStageFlags2 colorStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    const VkAccessFlags2 colorWrite = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
    auto toAttachment = [&](VkImage image, VkPipelineStageFlags2 srcStage,
                            VkAccessFlags2 srcAccess) {
        gfx::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                          VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, srcStage, srcAccess, colorStage,
                          colorWrite);
    };
    toAttachment(target.image, colorStage, colorWrite);
    // The id image was last read by the outline pass or copied for a pick.
    toAttachment(m_ids.handle(),
                 VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT | VK_PIPELINE_STAGE_2_COPY_BIT,
                 VK_ACCESS_2_SHADER_SAMPLED_READ_BIT | VK_ACCESS_2_TRANSFER_READ_BIT);
    if (msaa) {
        toAttachment(m_msaaColor.handle(), colorStage, colorWrite);
        toAttachment(m_msaaIds.handle(), colorStage, colorWrite);
    }
    const VkPipelineStageFlags2 depthStages =
        VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
    gfx::imageBarrier(cmd, m_depth.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                      VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, depthStages,
                      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, depthStages,
                      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                          VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT);

    frame.timer.begin(cmd, "scene");
    VkRenderingAttachmentInfo color[2] = {
        {.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
         .imageView = msaa ? m_msaaColor.view() : target.view,
         .imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
         .resolveMode = msaa ? VK_RESOLVE_MODE_AVERAGE_BIT : VK_RESOLVE_MODE_NONE,
         .resolveImageView = msaa ? target.view : VK_NULL_HANDLE,
         .resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
         .loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR,
         .storeOp = msaa ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE,
         .clearValue = {.color = {{0.0f, 0.0f, 0.0f, 1.0f}}}},
        // Integer ids cannot be averaged: the resolve keeps sample 0.
        {.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
         .imageView = msaa ? m_msaaIds.view() : m_ids.view(),
         .imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
         .resolveMode = msaa ? VK_RESOLVE_MODE_SAMPLE_ZERO_BIT : VK_RESOLVE_MODE_NONE,
         .resolveImageView = msaa ? m_ids.view() : VK_NULL_HANDLE,
         .resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
         .loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR,
         .storeOp = msaa ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE,
         .clearValue = {.color = {.uint32 = {kNoEntity, 0, 0, 0}}}}};
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
                                    .colorAttachmentCount = 2,
                                    .pColorAttachments = color,
                                    .pDepthAttachment = &depth};
    vkCmdBeginRendering(cmd, &rendering);
    const VkViewport viewport{0, 0, float(target.extent.width), float(target.extent.height), 0, 1};
    const VkRect2D scissor{{0, 0}, target.extent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_layout.handle(), 0, 1, &set, 0,
                            nullptr);
    const size_t opaqueCount = m_lists.opaque.size(), transparentCount = m_lists.transparent.size();
    const bool geometry = opaqueCount + transparentCount + m_lists.ghost.size() > 0 &&
                          scene.vertexBuffer() != VK_NULL_HANDLE;
    const uint32_t stride = sizeof(VkDrawIndexedIndirectCommand);
    if (geometry) {
        const VkDeviceSize zero = 0;
        const VkBuffer vb = scene.vertexBuffer();
        vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
        vkCmdBindIndexBuffer(cmd, scene.indexBuffer(), 0, VK_INDEX_TYPE_UINT32);
    }
    // One multi-draw per run of draws that share a shader variant (ShadeVariant).
    auto drawRuns = [&](const std::vector<uint32_t>& list, VkDeviceSize offset,
                        std::span<const gfx::Pipeline> pipelines) {
        auto pipelineOf = [&](uint32_t i) {
            const uint8_t variant = m_lists.variant[i];
            return pipelines[variant < pipelines.size() ? variant : uint8_t(kShadePlain)].handle();
        };
        for (size_t start = 0; start < list.size();) {
            const VkPipeline pipeline = pipelineOf(list[start]);
            size_t end = start + 1;
            while (end < list.size() && pipelineOf(list[end]) == pipeline)
                ++end;
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
            vkCmdDrawIndexedIndirect(cmd, drawSlice.buffer, offset + start * stride,
                                     uint32_t(end - start), stride);
            start = end;
        }
    };
    if (geometry) drawRuns(m_lists.opaque, drawSlice.offset, m_opaque[clipping]);
    // Sky and ground after the opaque pass: the depth test leaves only uncovered pixels.
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_sky.handle());
    vkCmdDraw(cmd, 3, 1, 0, 0);
    const size_t ghostCount = m_lists.ghost.size();
    const VkDeviceSize ghostOffset = drawSlice.offset + (opaqueCount + transparentCount) * stride;
    if (geometry && ghostCount > 0) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_ghostDepth[clipping].handle());
        vkCmdDrawIndexedIndirect(cmd, drawSlice.buffer, ghostOffset, uint32_t(ghostCount), stride);
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_ghostColour[clipping].handle());
        vkCmdDrawIndexedIndirect(cmd, drawSlice.buffer, ghostOffset, uint32_t(ghostCount), stride);
    }
    if (geometry)
        drawRuns(m_lists.transparent, drawSlice.offset + opaqueCount * stride,
                 m_transparent[clipping]);
    vkCmdEndRendering(cmd);
    frame.timer.end(cmd);
}

void Renderer::recordShadowPass(gfx::FrameData& frame, const GpuScene& scene, VkDescriptorSet set,
                                const gfx::UploadSlice& casterDraws) {
    const VkCommandBuffer cmd = frame.cmd;
    const VkPipelineStageFlags2 depthStages =
        VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
    // Earlier frames sampled the old map: order this write after their reads.
    gfx::imageBarrier(cmd, m_shadowMap.handle(), VK_IMAGE_ASPECT_DEPTH_BIT,
                      VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                      VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, 0, depthStages,
                      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT);
    frame.timer.begin(cmd, "shadow");
    const VkRenderingAttachmentInfo depth{.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
                                          .imageView = m_shadowMap.view(),
                                          .imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                                          .loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR,
                                          .storeOp = VK_ATTACHMENT_STORE_OP_STORE,
                                          .clearValue = {.depthStencil = {1.0f, 0}}};
    const VkExtent2D extent{kShadowMapSize, kShadowMapSize};
    const VkRenderingInfo rendering{.sType = VK_STRUCTURE_TYPE_RENDERING_INFO,
                                    .renderArea = {{0, 0}, extent},
                                    .layerCount = 1,
                                    .pDepthAttachment = &depth};
    vkCmdBeginRendering(cmd, &rendering);
    const VkViewport viewport{0, 0, float(kShadowMapSize), float(kShadowMapSize), 0, 1};
    const VkRect2D scissor{{0, 0}, extent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    const uint32_t count = uint32_t(m_lists.shadowCasters.size());
    if (count > 0 && scene.vertexBuffer() != VK_NULL_HANDLE) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_shadow.handle());
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_layout.handle(), 0, 1, &set,
                                0, nullptr);
        const VkDeviceSize zero = 0;
        const VkBuffer vb = scene.vertexBuffer();
        vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
        vkCmdBindIndexBuffer(cmd, scene.indexBuffer(), 0, VK_INDEX_TYPE_UINT32);
        vkCmdDrawIndexedIndirect(cmd, casterDraws.buffer, casterDraws.offset, count,
                                 sizeof(VkDrawIndexedIndirectCommand));
    }
    vkCmdEndRendering(cmd);
    frame.timer.end(cmd);
    gfx::imageBarrier(cmd, m_shadowMap.handle(), VK_IMAGE_ASPECT_DEPTH_BIT,
                      VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                      VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, depthStages,
                      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                      VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
}

void Renderer::recordPickCopy(gfx::FrameData& frame) {
    const VkCommandBuffer cmd = frame.cmd;
    PickSlot& slot = m_picks[frame.slot];
    slot.pixel.reset();
    gfx::imageBarrier(
        cmd, m_ids.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
        VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
        VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
        VK_PIPELINE_STAGE_2_COPY_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
        VK_ACCESS_2_TRANSFER_READ_BIT | VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
    if (m_pickRequest) {
        const VkExtent2D e = m_ids.extent();
        const glm::uvec2 p = glm::min(*m_pickRequest, glm::uvec2(e.width - 1, e.height - 1));
        gfx::copyImageToHost(cmd, m_ids.handle(), {int32_t(p.x), int32_t(p.y)}, {1, 1},
                             slot.buffer.handle());
        slot.pixel = p;
        m_pickRequest.reset();
    }
    slot.idsValid = false;
    if (m_idReadback) {
        const VkExtent2D e = m_ids.extent();
        const VkDeviceSize bytes = VkDeviceSize(e.width) * e.height * 4;
        if (!slot.ids || slot.ids.size() != bytes)
            slot.ids = gfx::Buffer::create(m_device, {.size = bytes,
                                                      .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                                      .memory = gfx::MemoryUsage::Readback,
                                                      .name = "entity id readback"});
        gfx::copyImageToHost(cmd, m_ids.handle(), {0, 0}, e, slot.ids.handle());
        slot.idsExtent = e;
        slot.idsValid = true;
    }
    gfx::imageBarrier(cmd, m_ids.handle(), VK_IMAGE_ASPECT_COLOR_BIT,
                      VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                      VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT, 0,
                      VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
}

Renderer::IdImage Renderer::idImage(const gfx::FrameData& frame) {
    PickSlot& slot = m_picks[frame.slot];
    if (!slot.idsValid) return {};
    slot.ids.invalidate();
    const auto bytes = slot.ids.mapped();
    return {slot.idsExtent.width, slot.idsExtent.height,
            std::span(reinterpret_cast<const uint32_t*>(bytes.data()), bytes.size() / 4)};
}

std::optional<PickResult> Renderer::takePick(const gfx::FrameData& frame) {
    PickSlot& slot = m_picks[frame.slot];
    if (!slot.pixel) return std::nullopt;
    slot.buffer.invalidate();
    PickResult r{.pixel = *slot.pixel};
    std::memcpy(&r.entity, slot.buffer.mapped().data(), sizeof(uint32_t));
    slot.pixel.reset();
    return r;
}

void Renderer::recordOutlinePass(gfx::FrameData& frame, const TargetImage& target,
                                 VkDescriptorSet set, const RenderView&) {
    const VkCommandBuffer cmd = frame.cmd;
    frame.timer.begin(cmd, "outline");
    const VkRenderingAttachmentInfo color{.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
                                          .imageView = target.view,
                                          .imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                                          .loadOp = VK_ATTACHMENT_LOAD_OP_LOAD,
                                          .storeOp = VK_ATTACHMENT_STORE_OP_STORE};
    const VkRenderingInfo rendering{.sType = VK_STRUCTURE_TYPE_RENDERING_INFO,
                                    .renderArea = {{0, 0}, target.extent},
                                    .layerCount = 1,
                                    .colorAttachmentCount = 1,
                                    .pColorAttachments = &color};
    // The resolve into the target happened in the scene pass: order it before this load.
    gfx::imageBarrier(
        cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
        VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
        VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
        VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
    vkCmdBeginRendering(cmd, &rendering);
    const VkViewport viewport{0, 0, float(target.extent.width), float(target.extent.height), 0, 1};
    const VkRect2D scissor{{0, 0}, target.extent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_outline.handle());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_outlineLayout.handle(), 0, 1,
                            &set, 0, nullptr);
    vkCmdDraw(cmd, 3, 1, 0, 0);
    vkCmdEndRendering(cmd);
    frame.timer.end(cmd);
}

}  // namespace pt::render
