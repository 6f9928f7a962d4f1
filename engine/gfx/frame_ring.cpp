#include "gfx/frame_ring.h"

#include <string>

#include "gfx/device.h"
#include "gfx/vk_check.h"

namespace pt::gfx {

VkDescriptorSet FrameData::allocateDescriptorSet(VkDevice device, VkDescriptorSetLayout layout) {
    const VkDescriptorSetAllocateInfo info{.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
                                           .descriptorPool = descriptorPool,
                                           .descriptorSetCount = 1,
                                           .pSetLayouts = &layout};
    VkDescriptorSet set;
    PT_VK_CHECK(vkAllocateDescriptorSets(device, &info, &set));
    return set;
}

FrameRing::FrameRing(Device& device) : m_device(device) {
    const VkDevice vk = device.handle();
    for (uint32_t i = 0; i < kMaxFramesInFlight; ++i) {
        FrameData& f = m_frames[i];
        const std::string suffix = " (frame slot " + std::to_string(i) + ")";
        f.slot = i;
        const VkCommandPoolCreateInfo poolInfo{.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
                                               .flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT,
                                               .queueFamilyIndex = device.queueFamily()};
        PT_VK_CHECK(vkCreateCommandPool(vk, &poolInfo, nullptr, &f.commandPool));
        const VkCommandBufferAllocateInfo cmdInfo{
            .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
            .commandPool = f.commandPool,
            .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
            .commandBufferCount = 1};
        PT_VK_CHECK(vkAllocateCommandBuffers(vk, &cmdInfo, &f.cmd));
        const VkFenceCreateInfo fenceInfo{.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO,
                                          .flags = VK_FENCE_CREATE_SIGNALED_BIT};
        PT_VK_CHECK(vkCreateFence(vk, &fenceInfo, nullptr, &f.fence));
        const VkDescriptorPoolSize sizes[] = {
            {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, kDescriptorSetsPerFrame},
            {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kDescriptorSetsPerFrame * 4},
            {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, kDescriptorSetsPerFrame * 4},
        };
        const VkDescriptorPoolCreateInfo dpInfo{
            .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
            .maxSets = kDescriptorSetsPerFrame,
            .poolSizeCount = 3,
            .pPoolSizes = sizes};
        PT_VK_CHECK(vkCreateDescriptorPool(vk, &dpInfo, nullptr, &f.descriptorPool));
        f.uploads = UploadArena(device, kUploadArenaSize, "upload arena" + suffix);
        f.timer = GpuTimer(device, "timestamps" + suffix);
        device.setName(VK_OBJECT_TYPE_COMMAND_POOL, f.commandPool, "command pool" + suffix);
        device.setName(VK_OBJECT_TYPE_COMMAND_BUFFER, f.cmd, "command buffer" + suffix);
        device.setName(VK_OBJECT_TYPE_FENCE, f.fence, "frame fence" + suffix);
        device.setName(VK_OBJECT_TYPE_DESCRIPTOR_POOL, f.descriptorPool, "descriptors" + suffix);
    }
}

FrameRing::~FrameRing() {
    m_device.waitIdle();
    const VkDevice vk = m_device.handle();
    for (FrameData& f : m_frames) {
        vkDestroyDescriptorPool(vk, f.descriptorPool, nullptr);
        vkDestroyFence(vk, f.fence, nullptr);
        vkDestroyCommandPool(vk, f.commandPool, nullptr);
    }
    m_device.collectRetired(UINT64_MAX);
}

FrameData& FrameRing::beginFrame() {
    FrameData& f = m_frames[m_next % kMaxFramesInFlight];
    const VkDevice vk = m_device.handle();
    PT_VK_CHECK(vkWaitForFences(vk, 1, &f.fence, VK_TRUE, UINT64_MAX));
    // This slot's previous frame is done, and frames complete in order, so everything retired
    // up to and including it can go.
    if (m_next >= kMaxFramesInFlight) m_device.collectRetired(m_next - kMaxFramesInFlight);
    f.number = m_next++;
    m_device.setCurrentFrame(f.number);
    f.timer.collect();
    f.uploads.reset();
    PT_VK_CHECK(vkResetDescriptorPool(vk, f.descriptorPool, 0));
    PT_VK_CHECK(vkResetCommandPool(vk, f.commandPool, 0));
    const VkCommandBufferBeginInfo begin{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
                                         .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT};
    PT_VK_CHECK(vkBeginCommandBuffer(f.cmd, &begin));
    return f;
}

void FrameRing::submit(FrameData& f, const SubmitSync& sync) {
    PT_VK_CHECK(vkEndCommandBuffer(f.cmd));
    PT_VK_CHECK(vkResetFences(m_device.handle(), 1, &f.fence));
    const VkSemaphoreSubmitInfo wait{.sType = VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO,
                                     .semaphore = sync.wait,
                                     .stageMask = sync.waitStage};
    const VkSemaphoreSubmitInfo signal{.sType = VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO,
                                       .semaphore = sync.signal,
                                       .stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT};
    const VkCommandBufferSubmitInfo cmdInfo{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO,
                                            .commandBuffer = f.cmd};
    const VkSubmitInfo2 submit{.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO_2,
                               .waitSemaphoreInfoCount = sync.wait ? 1u : 0u,
                               .pWaitSemaphoreInfos = &wait,
                               .commandBufferInfoCount = 1,
                               .pCommandBufferInfos = &cmdInfo,
                               .signalSemaphoreInfoCount = sync.signal ? 1u : 0u,
                               .pSignalSemaphoreInfos = &signal};
    PT_VK_CHECK(vkQueueSubmit2(m_device.queue(), 1, &submit, f.fence));
}

void FrameRing::wait(const FrameData& f) {
    PT_VK_CHECK(vkWaitForFences(m_device.handle(), 1, &f.fence, VK_TRUE, UINT64_MAX));
}

}  // namespace pt::gfx
