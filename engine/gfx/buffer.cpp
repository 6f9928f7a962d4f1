#include "gfx/buffer.h"

#include <cstring>
#include <utility>

#include "gfx/device.h"
#include "gfx/vk_check.h"

namespace pt::gfx {

Buffer Buffer::create(Device& device, const BufferDesc& desc) {
    Buffer b;
    b.m_device = &device;
    b.m_size = desc.size;
    const VkBufferCreateInfo info{.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
                                  .size = desc.size,
                                  .usage = desc.usage,
                                  .sharingMode = VK_SHARING_MODE_EXCLUSIVE};
    PT_VK_CHECK(vkCreateBuffer(device.handle(), &info, nullptr, &b.m_buffer));
    VkMemoryRequirements requirements;
    vkGetBufferMemoryRequirements(device.handle(), b.m_buffer, &requirements);
    b.m_allocation = device.allocator().allocate(requirements, desc.memory);
    PT_VK_CHECK(vkBindBufferMemory(device.handle(), b.m_buffer, b.m_allocation.memory,
                                   b.m_allocation.offset));
    device.setName(VK_OBJECT_TYPE_BUFFER, b.m_buffer, desc.name);
    return b;
}

Buffer Buffer::createWithData(Device& device, const BufferDesc& desc,
                              std::span<const std::byte> bytes) {
    BufferDesc gpuDesc = desc;
    gpuDesc.size = std::max<VkDeviceSize>(desc.size, bytes.size());
    gpuDesc.usage |= VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    Buffer gpu = create(device, gpuDesc);
    if (bytes.empty()) return gpu;
    Buffer staging = create(device, {.size = bytes.size(),
                                     .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                     .memory = MemoryUsage::Upload,
                                     .name = desc.name + " (staging)"});
    std::memcpy(staging.mapped().data(), bytes.data(), bytes.size());
    staging.flush();
    device.submitNow([&](VkCommandBuffer cmd) {
        const VkBufferCopy region{.size = bytes.size()};
        vkCmdCopyBuffer(cmd, staging.handle(), gpu.handle(), 1, &region);
    });
    return gpu;
}

Buffer::Buffer(Buffer&& other) noexcept {
    *this = std::move(other);
}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
    if (this != &other) {
        release();
        m_device = std::exchange(other.m_device, nullptr);
        m_buffer = std::exchange(other.m_buffer, VK_NULL_HANDLE);
        m_allocation = std::exchange(other.m_allocation, Allocation{});
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

Buffer::~Buffer() {
    release();
}

void Buffer::release() {
    if (m_buffer == VK_NULL_HANDLE) return;
    Device* device = m_device;
    m_device->retire([device, buffer = m_buffer, allocation = m_allocation] {
        vkDestroyBuffer(device->handle(), buffer, nullptr);
        device->allocator().free(allocation);
    });
    m_buffer = VK_NULL_HANDLE;
}

std::span<std::byte> Buffer::mapped() const {
    if (!m_allocation.mapped) return {};
    return {m_allocation.mapped, size_t(m_size)};
}

void Buffer::flush() const {
    m_device->allocator().flush(m_allocation);
}
void Buffer::invalidate() const {
    m_device->allocator().invalidate(m_allocation);
}

}  // namespace pt::gfx
