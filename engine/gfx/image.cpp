#include "gfx/image.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "gfx/buffer.h"
#include "gfx/device.h"
#include "gfx/vk_check.h"

namespace pt::gfx {

bool isDepthFormat(VkFormat format) {
    return format == VK_FORMAT_D32_SFLOAT || format == VK_FORMAT_D24_UNORM_S8_UINT ||
           format == VK_FORMAT_D16_UNORM || format == VK_FORMAT_D32_SFLOAT_S8_UINT;
}

Image Image::create(Device& device, const ImageDesc& desc) {
    Image img;
    img.m_device = &device;
    img.m_format = desc.format;
    img.m_extent = desc.extent;
    img.m_samples = desc.samples;
    const VkImageCreateInfo info{.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
                                 .imageType = VK_IMAGE_TYPE_2D,
                                 .format = desc.format,
                                 .extent = {desc.extent.width, desc.extent.height, 1},
                                 .mipLevels = desc.mipLevels,
                                 .arrayLayers = desc.layers,
                                 .samples = desc.samples,
                                 .tiling = VK_IMAGE_TILING_OPTIMAL,
                                 .usage = desc.usage,
                                 .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
                                 .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED};
    PT_VK_CHECK(vkCreateImage(device.handle(), &info, nullptr, &img.m_image));
    VkMemoryRequirements requirements;
    vkGetImageMemoryRequirements(device.handle(), img.m_image, &requirements);
    img.m_allocation = device.allocator().allocate(requirements, MemoryUsage::GpuOnly);
    PT_VK_CHECK(vkBindImageMemory(device.handle(), img.m_image, img.m_allocation.memory,
                                  img.m_allocation.offset));
    const VkImageViewCreateInfo viewInfo{
        .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
        .image = img.m_image,
        .viewType =
            desc.layers > 1 || desc.arrayView ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D,
        .format = desc.format,
        .subresourceRange = {.aspectMask = isDepthFormat(desc.format)
                                               ? VkImageAspectFlags(VK_IMAGE_ASPECT_DEPTH_BIT)
                                               : VkImageAspectFlags(VK_IMAGE_ASPECT_COLOR_BIT),
                             .levelCount = desc.mipLevels,
                             .layerCount = desc.layers}};
    PT_VK_CHECK(vkCreateImageView(device.handle(), &viewInfo, nullptr, &img.m_view));
    device.setName(VK_OBJECT_TYPE_IMAGE, img.m_image, desc.name);
    device.setName(VK_OBJECT_TYPE_IMAGE_VIEW, img.m_view, desc.name + " (view)");
    return img;
}

Image Image::createTexture(Device& device, VkExtent2D extent, VkFormat format,
                           std::span<const std::byte> rgba, const std::string& name) {
    Image img =
        create(device, {.extent = extent,
                        .format = format,
                        .usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
                        .name = name});
    Buffer staging = Buffer::create(device, {.size = rgba.size(),
                                             .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                             .memory = MemoryUsage::Upload,
                                             .name = name + " (staging)"});
    std::memcpy(staging.mapped().data(), rgba.data(), rgba.size());
    staging.flush();
    device.submitNow([&](VkCommandBuffer cmd) {
        imageBarrier(cmd, img.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0,
                     VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
        const VkBufferImageCopy region{
            .imageSubresource = {.aspectMask = VK_IMAGE_ASPECT_COLOR_BIT, .layerCount = 1},
            .imageExtent = {extent.width, extent.height, 1}};
        vkCmdCopyBufferToImage(cmd, staging.handle(), img.handle(),
                               VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
        imageBarrier(cmd, img.handle(), VK_IMAGE_ASPECT_COLOR_BIT,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                     VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                     VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
    });
    return img;
}

Image Image::createTextureArray(Device& device, VkExtent2D extent, VkFormat format, uint32_t layers,
                                std::span<const std::vector<std::byte>> mips,
                                const std::string& name) {
    const uint32_t mipCount = uint32_t(mips.size());
    Image img =
        create(device, {.extent = extent,
                        .format = format,
                        .usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
                        .mipLevels = mipCount,
                        .layers = layers,
                        .arrayView = true,
                        .name = name});
    size_t total = 0;
    for (const auto& m : mips)
        total += m.size();
    Buffer staging = Buffer::create(device, {.size = total,
                                             .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                             .memory = MemoryUsage::Upload,
                                             .name = name + " (staging)"});
    std::vector<VkBufferImageCopy> regions;
    size_t offset = 0;
    for (uint32_t m = 0; m < mipCount; ++m) {
        std::memcpy(staging.mapped().data() + offset, mips[m].data(), mips[m].size());
        regions.push_back({.bufferOffset = offset,
                           .imageSubresource = {.aspectMask = VK_IMAGE_ASPECT_COLOR_BIT,
                                                .mipLevel = m,
                                                .layerCount = layers},
                           .imageExtent = {std::max(extent.width >> m, 1u),
                                           std::max(extent.height >> m, 1u), 1}});
        offset += mips[m].size();
    }
    staging.flush();
    device.submitNow([&](VkCommandBuffer cmd) {
        imageBarrier(cmd, img.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0,
                     VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
        vkCmdCopyBufferToImage(cmd, staging.handle(), img.handle(),
                               VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, uint32_t(regions.size()),
                               regions.data());
        imageBarrier(cmd, img.handle(), VK_IMAGE_ASPECT_COLOR_BIT,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                     VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                     VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
    });
    return img;
}

Image::Image(Image&& other) noexcept {
    *this = std::move(other);
}

Image& Image::operator=(Image&& other) noexcept {
    if (this != &other) {
        release();
        m_device = std::exchange(other.m_device, nullptr);
        m_image = std::exchange(other.m_image, VK_NULL_HANDLE);
        m_view = std::exchange(other.m_view, VK_NULL_HANDLE);
        m_allocation = std::exchange(other.m_allocation, Allocation{});
        m_format = other.m_format;
        m_extent = other.m_extent;
        m_samples = other.m_samples;
    }
    return *this;
}

Image::~Image() {
    release();
}

void Image::release() {
    if (m_image == VK_NULL_HANDLE) return;
    Device* device = m_device;
    m_device->retire([device, image = m_image, view = m_view, allocation = m_allocation] {
        vkDestroyImageView(device->handle(), view, nullptr);
        vkDestroyImage(device->handle(), image, nullptr);
        device->allocator().free(allocation);
    });
    m_image = VK_NULL_HANDLE;
    m_view = VK_NULL_HANDLE;
}

void copyImageToHost(VkCommandBuffer cmd, VkImage image, VkOffset2D offset, VkExtent2D extent,
                     VkBuffer buffer) {
    const VkBufferImageCopy region{
        .imageSubresource = {.aspectMask = VK_IMAGE_ASPECT_COLOR_BIT, .layerCount = 1},
        .imageOffset = {offset.x, offset.y, 0},
        .imageExtent = {extent.width, extent.height, 1}};
    vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &region);
    const VkMemoryBarrier2 toHost{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2,
                                  .srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT,
                                  .srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                  .dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT,
                                  .dstAccessMask = VK_ACCESS_2_HOST_READ_BIT};
    const VkDependencyInfo dep{.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO,
                               .memoryBarrierCount = 1,
                               .pMemoryBarriers = &toHost};
    vkCmdPipelineBarrier2(cmd, &dep);
}

void imageBarrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                  VkImageLayout oldLayout, VkImageLayout newLayout, VkPipelineStageFlags2 srcStage,
                  VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                  VkAccessFlags2 dstAccess) {
    const VkImageMemoryBarrier2 barrier{
        .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2,
        .srcStageMask = srcStage,
        .srcAccessMask = srcAccess,
        .dstStageMask = dstStage,
        .dstAccessMask = dstAccess,
        .oldLayout = oldLayout,
        .newLayout = newLayout,
        .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
        .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
        .image = image,
        .subresourceRange = {.aspectMask = aspect,
                             .levelCount = VK_REMAINING_MIP_LEVELS,
                             .layerCount = VK_REMAINING_ARRAY_LAYERS}};
    const VkDependencyInfo dep{.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO,
                               .imageMemoryBarrierCount = 1,
                               .pImageMemoryBarriers = &barrier};
    vkCmdPipelineBarrier2(cmd, &dep);
}

}  // namespace pt::gfx
