#pragma once
// The frame ring: kMaxFramesInFlight FrameData slots used round-robin. beginFrame() is the one
// place the CPU waits for the GPU each frame (on the slot's fence); after it, the slot's command
// buffer, upload arena, descriptor pool and timer are free to reuse and every object retired
// kMaxFramesInFlight frames ago is destroyed. Render-thread only.
#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>
#include <span>

#include "gfx/config.h"
#include "gfx/gpu_timer.h"
#include "gfx/upload_arena.h"

namespace pt::gfx {

class Device;

struct FrameData {
    VkCommandPool commandPool = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
    UploadArena uploads;
    GpuTimer timer;
    uint64_t number = 0;  // monotonically increasing frame number
    uint32_t slot = 0;

    VkDescriptorSet allocateDescriptorSet(VkDevice device, VkDescriptorSetLayout layout);
};

struct SubmitSync {
    VkSemaphore wait = VK_NULL_HANDLE;  // e.g. swapchain image acquired
    VkPipelineStageFlags2 waitStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    VkSemaphore signal = VK_NULL_HANDLE;  // e.g. ready to present
};

class FrameRing {
public:
    explicit FrameRing(Device& device);
    FrameRing(const FrameRing&) = delete;
    FrameRing& operator=(const FrameRing&) = delete;
    // Waits for the GPU to finish every frame, then frees the slots.
    ~FrameRing();

    // Waits for the slot's previous use, frees what retired, and begins its command buffer.
    FrameData& beginFrame();
    // Ends the command buffer and submits it, signalling the slot's fence.
    void submit(FrameData& frame, const SubmitSync& sync = {});
    // Waits until `frame` has finished on the GPU (readback only).
    void wait(const FrameData& frame);
    uint64_t framesBegun() const { return m_next; }

private:
    Device& m_device;
    std::array<FrameData, kMaxFramesInFlight> m_frames;
    uint64_t m_next = 0;
};

}  // namespace pt::gfx
