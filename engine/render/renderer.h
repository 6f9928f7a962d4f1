#pragma once
// Draws a GpuScene from a camera into any RenderTarget image: sky, opaque and transparent
// instances with a sun and hemispheric ambient, 4x MSAA resolved into the target. Owns its
// pipelines and its MSAA/depth attachments (rebuilt when the target size changes).
// Render-thread only; create after the Device, destroy before it.
#include "gfx/image.h"
#include "gfx/pipeline.h"
#include "render/camera.h"
#include "render/gpu_scene.h"
#include "render/lighting.h"
#include "render/render_target.h"

namespace pt::gfx {
class Device;
}

namespace pt::render {

struct RendererDesc {
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_4_BIT;
};

struct FrameStats {
    uint32_t drawnInstances = 0;
    uint64_t drawnTriangles = 0;
    double cpuRecordMs = 0;
};

class Renderer {
public:
    Renderer(gfx::Device& device, const RendererDesc& desc = {});

    // Records the frame into frame.cmd. The target image goes from UNDEFINED to
    // COLOR_ATTACHMENT_OPTIMAL (see RenderTarget).
    void render(gfx::FrameData& frame, const GpuScene& scene, const Camera& camera,
                const Lighting& lighting, const TargetImage& target);
    const FrameStats& lastStats() const { return m_stats; }
    VkSampleCountFlagBits samples() const { return m_samples; }

private:
    void ensureAttachments(const TargetImage& target);
    void ensurePipelines(VkFormat colorFormat);

    gfx::Device& m_device;
    VkSampleCountFlagBits m_samples;
    gfx::PipelineLayout m_layout;
    gfx::Pipeline m_sky;
    gfx::Pipeline m_opaque;
    gfx::Pipeline m_transparent;
    VkFormat m_pipelineFormat = VK_FORMAT_UNDEFINED;
    gfx::Image m_msaaColor;
    gfx::Image m_depth;
    FrameStats m_stats;
};

}  // namespace pt::render
