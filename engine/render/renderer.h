#pragma once
// Draws a GpuScene for a RenderView into any RenderTarget image: sky, opaque then transparent
// and ghosted instances (CPU-culled, indirect draws), per-entity looks, clip plane, 4x MSAA
// resolved into the target, an entity-id image for picking, and the selection outline.
// Owns its pipelines and attachments (rebuilt when the target size changes).
// Render-thread only; create after the Device, destroy before it.
#include <array>
#include <optional>

#include "gfx/buffer.h"
#include "gfx/config.h"
#include "gfx/image.h"
#include "gfx/pipeline.h"
#include "render/draw_lists.h"
#include "render/gpu_scene.h"
#include "render/render_target.h"
#include "render/render_view.h"
#include "render/sky_light.h"

namespace pt::gfx {
class Device;
}

namespace pt::render {

struct RendererDesc {
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_4_BIT;
    // Far level of detail (meshes without their sub-pixel thin parts, see kThinPartPixels);
    // off draws every mesh in full at any distance.
    bool levelOfDetail = true;
};

struct FrameStats {
    uint32_t drawnInstances = 0;
    uint32_t culledInstances = 0;
    uint32_t hiddenInstances = 0;
    uint32_t farInstances = 0;  // drawn with their far level of detail
    uint64_t drawnTriangles = 0;
    double cpuPrepareMs = 0;  // culling, sorting, uploads and command recording
};

struct PickResult {
    glm::uvec2 pixel{0};
    uint32_t entity = kNoEntity;
};

class Renderer {
public:
    Renderer(gfx::Device& device, const RendererDesc& desc = {});
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;
    ~Renderer();

    // Records the frame into frame.cmd. The target image goes from UNDEFINED to
    // COLOR_ATTACHMENT_OPTIMAL (see RenderTarget).
    // `scene` is not changed, but its instance buffer is brought up to date first.
    void render(gfx::FrameData& frame, GpuScene& scene, const RenderView& view,
                const TargetImage& target);

    // Asks for the entity under `pixel` in the next rendered frame.
    void requestPick(glm::uvec2 pixel) { m_pickRequest = pixel; }
    // The pick recorded in the frame that last used `frame`'s slot; call after beginFrame()
    // (or after waiting for that frame). Empty if that frame recorded no pick.
    std::optional<PickResult> takePick(const gfx::FrameData& frame);

    // Copies the whole entity-id image to the CPU every frame (label occlusion tests). The
    // copy of the frame that last used `frame`'s slot is readable after beginFrame().
    void setIdReadback(bool enabled) { m_idReadback = enabled; }
    struct IdImage {
        uint32_t width = 0, height = 0;
        std::span<const uint32_t> ids;  // row-major, top row first; kNoEntity where nothing
        uint32_t at(uint32_t x, uint32_t y) const { return ids[size_t(y) * width + x]; }
    };
    IdImage idImage(const gfx::FrameData& frame);

    const FrameStats& lastStats() const { return m_stats; }
    VkSampleCountFlagBits samples() const { return m_samples; }

private:
    struct PickSlot {
        gfx::Buffer buffer;
        std::optional<glm::uvec2> pixel;
        gfx::Buffer ids;  // the whole id image, when m_idReadback
        VkExtent2D idsExtent{};
        bool idsValid = false;
    };

    void ensureAttachments(const TargetImage& target);
    void ensurePipelines(VkFormat colorFormat);
    void recordScenePass(gfx::FrameData& frame, const GpuScene& scene, const TargetImage& target,
                         VkDescriptorSet set, const gfx::UploadSlice& drawSlice, bool clipping);
    void recordPickCopy(gfx::FrameData& frame);
    // Renders the sun's shadow map if the scene or the sun moved since the last one.
    void recordShadowPass(gfx::FrameData& frame, const GpuScene& scene, VkDescriptorSet set,
                          const gfx::UploadSlice& casterDraws);
    void recordOutlinePass(gfx::FrameData& frame, const TargetImage& target,
                           VkDescriptorSet sceneSet, const RenderView& view);

    gfx::Device& m_device;
    VkSampleCountFlagBits m_samples;
    bool m_levelOfDetail = true;
    gfx::PipelineLayout m_layout;
    gfx::PipelineLayout m_outlineLayout;
    gfx::Pipeline m_sky;
    // [clipped][ShadeVariant]: clipped while a clip plane opens buildings up; the variant
    // picks mesh.frag's (transparent ones have no matte or window variant).
    gfx::Pipeline m_opaque[2][kShadeVariantCount];
    gfx::Pipeline m_transparent[2][2];
    gfx::Pipeline m_ghostDepth[2];   // [clipped]: depth only
    gfx::Pipeline m_ghostColour[2];  // [clipped]: depth EQUAL, blended
    gfx::Pipeline m_outline;
    gfx::Pipeline m_shadow;
    gfx::Image m_shadowMap;
    VkSampler m_shadowSampler = VK_NULL_HANDLE;
    VkSampler m_textureSampler = VK_NULL_HANDLE;
    glm::mat4 m_lightViewProj{1.0f};
    struct ShadowKey {
        uint64_t generation = ~0ull;
        glm::vec3 sun{0.0f};
        bool operator==(const ShadowKey&) const = default;
    } m_shadowKey;
    bool m_shadowValid = false;
    struct SkyKey {
        glm::vec3 sky{0.0f}, ground{0.0f};
        float night = 0.0f;
        bool operator==(const SkyKey&) const = default;
    } m_skyKey;
    SkyLight m_skyLight;
    bool m_skyLightValid = false;
    VkFormat m_pipelineFormat = VK_FORMAT_UNDEFINED;
    VkSampler m_idSampler = VK_NULL_HANDLE;
    gfx::Image m_msaaColor;
    gfx::Image m_msaaIds;
    gfx::Image m_ids;  // single-sample entity ids (resolved sample 0)
    gfx::Image m_depth;
    DrawLists m_lists;
    std::optional<glm::uvec2> m_pickRequest;
    bool m_idReadback = false;
    std::array<PickSlot, gfx::kMaxFramesInFlight> m_picks;
    FrameStats m_stats;
};

}  // namespace pt::render
