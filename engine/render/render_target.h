#pragma once
// Where a frame ends up: a window's swapchain or an offscreen image read back to the CPU. The
// renderer draws into whatever image acquire() provides and never knows which kind it is.
//
// Per frame: acquire() -> renderer records into image() (from UNDEFINED, leaving it in
// COLOR_ATTACHMENT_OPTIMAL) -> UI draws on it -> finish() records the transition out and returns
// the semaphores -> FrameRing::submit -> present().
#include <vulkan/vulkan.h>

#include "gfx/frame_ring.h"

namespace pt::render {

struct TargetImage {
    VkImage image = VK_NULL_HANDLE;
    VkImageView view = VK_NULL_HANDLE;
    VkFormat format = VK_FORMAT_UNDEFINED;
    VkExtent2D extent{};
};

class RenderTarget {
public:
    virtual ~RenderTarget() = default;
    // False when nothing can be drawn now (e.g. a minimised window); skip the frame then.
    virtual bool acquire(gfx::FrameData& frame) = 0;
    virtual TargetImage image() const = 0;
    virtual gfx::SubmitSync finish(gfx::FrameData& frame) = 0;
    virtual void present(gfx::FrameData& frame) = 0;
};

}  // namespace pt::render
