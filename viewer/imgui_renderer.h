#pragma once
// Draws Dear ImGui's draw lists on top of a target image with dynamic rendering (the packaged
// ImGui 1.86 Vulkan backend needs a VkRenderPass). The only Vulkan code in viewer/.
// Render-thread only; create after ImGui's context and font atlas exist.
#include <vulkan/vulkan.h>

#include "gfx/image.h"
#include "gfx/pipeline.h"
#include "render/render_target.h"

struct ImDrawData;

namespace pt::gfx {
class Device;
}

namespace pt::viewer {

class ImGuiRenderer {
public:
    ImGuiRenderer(gfx::Device& device, VkFormat colorFormat);
    ImGuiRenderer(const ImGuiRenderer&) = delete;
    ImGuiRenderer& operator=(const ImGuiRenderer&) = delete;
    ~ImGuiRenderer();

    // Re-uploads ImGui's font atlas after fonts changed (outside a frame's NewFrame/Render).
    void rebuildFontAtlas();

    // Draws onto the target (loaded, in COLOR_ATTACHMENT_OPTIMAL, left there).
    void render(gfx::FrameData& frame, const ImDrawData* drawData,
                const render::TargetImage& target);

private:
    void ensurePipeline(VkFormat format);

    gfx::Device& m_device;
    gfx::PipelineLayout m_layout;
    gfx::Pipeline m_pipeline;
    VkFormat m_format = VK_FORMAT_UNDEFINED;
    gfx::Image m_fontAtlas;
    VkSampler m_sampler = VK_NULL_HANDLE;
};

}  // namespace pt::viewer
