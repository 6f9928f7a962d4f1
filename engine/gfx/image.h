#pragma once
// Owns one VkImage, its memory and a default view. Move-only; destruction deferred like Buffer.
// Tracks no layout: passes state their transitions explicitly with gfx::imageBarrier.
#include <vulkan/vulkan.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "gfx/memory.h"

namespace pt::gfx {

class Device;

struct ImageDesc {
    VkExtent2D extent{};
    VkFormat format = VK_FORMAT_UNDEFINED;
    VkImageUsageFlags usage = 0;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    uint32_t mipLevels = 1;
    uint32_t layers = 1;
    bool arrayView = false;  // a 2D-array view (always when layers > 1)
    std::string name;
};

class Image {
public:
    static Image create(Device& device, const ImageDesc& desc);
    // A sampled RGBA8 texture filled from `rgba` (width*height*4 bytes), left in
    // SHADER_READ_ONLY_OPTIMAL. Load-time only: waits for the upload.
    static Image createTexture(Device& device, VkExtent2D extent, VkFormat format,
                               std::span<const std::byte> rgba, const std::string& name);
    // A sampled 2D array (e.g. all base-colour textures of a scene, one per layer) with a full
    // mip chain. `mips[m]` holds mip m of every layer, layer after layer, RGBA8. Load-time only.
    static Image createTextureArray(Device& device, VkExtent2D extent, VkFormat format,
                                    uint32_t layers, std::span<const std::vector<std::byte>> mips,
                                    const std::string& name);
    Image() = default;
    Image(Image&& other) noexcept;
    Image& operator=(Image&& other) noexcept;
    ~Image();

    VkImage handle() const { return m_image; }
    VkImageView view() const { return m_view; }
    VkFormat format() const { return m_format; }
    VkExtent2D extent() const { return m_extent; }
    VkSampleCountFlagBits samples() const { return m_samples; }
    explicit operator bool() const { return m_image != VK_NULL_HANDLE; }

private:
    void release();

    Device* m_device = nullptr;
    VkImage m_image = VK_NULL_HANDLE;
    VkImageView m_view = VK_NULL_HANDLE;
    Allocation m_allocation;
    VkFormat m_format = VK_FORMAT_UNDEFINED;
    VkExtent2D m_extent{};
    VkSampleCountFlagBits m_samples = VK_SAMPLE_COUNT_1_BIT;
};

bool isDepthFormat(VkFormat format);

// Records a copy of a region of a colour image (in TRANSFER_SRC_OPTIMAL) into `buffer`,
// tightly packed, then the barrier that makes it readable by the host once the frame's fence
// has passed. Screenshots, offscreen readback and picking all read back this way.
void copyImageToHost(VkCommandBuffer cmd, VkImage image, VkOffset2D offset, VkExtent2D extent,
                     VkBuffer buffer);

// One synchronization2 image layout transition over all mips/layers.
void imageBarrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                  VkImageLayout oldLayout, VkImageLayout newLayout, VkPipelineStageFlags2 srcStage,
                  VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                  VkAccessFlags2 dstAccess);

}  // namespace pt::gfx
