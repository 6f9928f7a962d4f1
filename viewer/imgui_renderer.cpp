#include "viewer/imgui_renderer.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "gfx/device.h"
#include "gfx/vk_check.h"
#include "shaders/shader_library.h"

namespace pt::viewer {

ImGuiRenderer::ImGuiRenderer(gfx::Device& device, VkFormat colorFormat) : m_device(device) {
    m_layout = gfx::PipelineLayout(device, {.sets = {{{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                                                       1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}}},
                                            .pushConstantBytes = 16,
                                            .name = "imgui pipeline layout"});
    ensurePipeline(colorFormat);

    rebuildFontAtlas();
    const VkSamplerCreateInfo samplerInfo{.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
                                          .magFilter = VK_FILTER_LINEAR,
                                          .minFilter = VK_FILTER_LINEAR,
                                          .mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR,
                                          .addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
                                          .addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
                                          .addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
                                          .maxLod = 1.0f};
    PT_VK_CHECK(vkCreateSampler(device.handle(), &samplerInfo, nullptr, &m_sampler));
    device.setName(VK_OBJECT_TYPE_SAMPLER, m_sampler, "imgui sampler");
}

void ImGuiRenderer::rebuildFontAtlas() {
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    // The atlas holds coverage in alpha and white in rgb: UNORM, not sRGB. The old image (if
    // any) retires with the current frame.
    m_fontAtlas = gfx::Image::createTexture(
        m_device, {uint32_t(width), uint32_t(height)}, VK_FORMAT_R8G8B8A8_UNORM,
        std::as_bytes(std::span(pixels, size_t(width) * height * 4)), "imgui font atlas");
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(intptr_t(1)));
}

ImGuiRenderer::~ImGuiRenderer() {
    gfx::Device* device = &m_device;
    m_device.retire([device, s = m_sampler] { vkDestroySampler(device->handle(), s, nullptr); });
}

void ImGuiRenderer::ensurePipeline(VkFormat format) {
    if (format == m_format) return;
    m_format = format;
    m_pipeline = gfx::Pipeline(
        m_device,
        {.vertexSpirv = shaders::spirv("imgui.vert"),
         .fragmentSpirv = shaders::spirv("imgui.frag"),
         .vertexBindings = {{0, sizeof(ImDrawVert), VK_VERTEX_INPUT_RATE_VERTEX}},
         .vertexAttributes = {{0, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(ImDrawVert, pos)},
                              {1, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(ImDrawVert, uv)},
                              {2, 0, VK_FORMAT_R8G8B8A8_UNORM, offsetof(ImDrawVert, col)}},
         .cullMode = VK_CULL_MODE_NONE,
         .depthTest = false,
         .depthWrite = false,
         .blend = gfx::BlendMode::Alpha,
         .colorFormats = {format},
         .layout = m_layout.handle(),
         .name = "imgui"});
}

void ImGuiRenderer::render(gfx::FrameData& frame, const ImDrawData* draw,
                           const render::TargetImage& target) {
    if (!draw || draw->TotalVtxCount == 0) return;
    ensurePipeline(target.format);
    const VkCommandBuffer cmd = frame.cmd;

    // Copy every list's vertices and indices into this frame's upload arena.
    const size_t vtxBytes = size_t(draw->TotalVtxCount) * sizeof(ImDrawVert);
    const size_t idxBytes = size_t(draw->TotalIdxCount) * sizeof(ImDrawIdx);
    const gfx::UploadSlice vtx = frame.uploads.allocate(vtxBytes, 16);
    const gfx::UploadSlice idx = frame.uploads.allocate(idxBytes, 16);
    size_t vOff = 0, iOff = 0;
    for (int n = 0; n < draw->CmdListsCount; ++n) {
        const ImDrawList* list = draw->CmdLists[n];
        std::memcpy(vtx.bytes.data() + vOff, list->VtxBuffer.Data,
                    list->VtxBuffer.Size * sizeof(ImDrawVert));
        std::memcpy(idx.bytes.data() + iOff, list->IdxBuffer.Data,
                    list->IdxBuffer.Size * sizeof(ImDrawIdx));
        vOff += list->VtxBuffer.Size * sizeof(ImDrawVert);
        iOff += list->IdxBuffer.Size * sizeof(ImDrawIdx);
    }

    const VkDescriptorSet set =
        frame.allocateDescriptorSet(m_device.handle(), m_layout.setLayout(0));
    const VkDescriptorImageInfo imageInfo{m_sampler, m_fontAtlas.view(),
                                          VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    const VkWriteDescriptorSet write{.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
                                     .dstSet = set,
                                     .descriptorCount = 1,
                                     .descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                                     .pImageInfo = &imageInfo};
    vkUpdateDescriptorSets(m_device.handle(), 1, &write, 0, nullptr);

    frame.timer.begin(cmd, "ui");
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
    vkCmdBeginRendering(cmd, &rendering);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_pipeline.handle());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_layout.handle(), 0, 1, &set, 0,
                            nullptr);
    vkCmdBindVertexBuffers(cmd, 0, 1, &vtx.buffer, &vtx.offset);
    vkCmdBindIndexBuffer(cmd, idx.buffer, idx.offset,
                         sizeof(ImDrawIdx) == 2 ? VK_INDEX_TYPE_UINT16 : VK_INDEX_TYPE_UINT32);
    const VkViewport viewport{0, 0, float(target.extent.width), float(target.extent.height), 0, 1};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    const float scale[2] = {2.0f / draw->DisplaySize.x, 2.0f / draw->DisplaySize.y};
    const float push[4] = {scale[0], scale[1], -1.0f - draw->DisplayPos.x * scale[0],
                           -1.0f - draw->DisplayPos.y * scale[1]};
    vkCmdPushConstants(cmd, m_layout.handle(),
                       VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push),
                       push);

    // Scissors are in framebuffer pixels; ImGui's clip rects are in display coordinates.
    const ImVec2 clipOff = draw->DisplayPos;
    const ImVec2 clipScale = draw->FramebufferScale;
    int32_t vertexBase = 0;
    uint32_t indexBase = 0;
    for (int n = 0; n < draw->CmdListsCount; ++n) {
        const ImDrawList* list = draw->CmdLists[n];
        for (const ImDrawCmd& c : list->CmdBuffer) {
            if (c.UserCallback) continue;  // no custom callbacks are used
            const float x0 = std::max((c.ClipRect.x - clipOff.x) * clipScale.x, 0.0f);
            const float y0 = std::max((c.ClipRect.y - clipOff.y) * clipScale.y, 0.0f);
            const float x1 =
                std::min((c.ClipRect.z - clipOff.x) * clipScale.x, float(target.extent.width));
            const float y1 =
                std::min((c.ClipRect.w - clipOff.y) * clipScale.y, float(target.extent.height));
            if (x1 <= x0 || y1 <= y0) continue;
            const VkRect2D scissor{{int32_t(x0), int32_t(y0)},
                                   {uint32_t(x1 - x0), uint32_t(y1 - y0)}};
            vkCmdSetScissor(cmd, 0, 1, &scissor);
            vkCmdDrawIndexed(cmd, c.ElemCount, 1, indexBase + c.IdxOffset,
                             vertexBase + int32_t(c.VtxOffset), 0);
        }
        vertexBase += list->VtxBuffer.Size;
        indexBase += uint32_t(list->IdxBuffer.Size);
    }
    vkCmdEndRendering(cmd);
    frame.timer.end(cmd);
}

}  // namespace pt::viewer
