#pragma once
// Owns one VkBuffer and its memory range. Move-only; destruction is deferred to the end of the
// frame in which it was dropped, so a buffer still used by an in-flight frame is never freed.
#include <vulkan/vulkan.h>

#include <cstddef>
#include <span>
#include <string>

#include "gfx/memory.h"

namespace pt::gfx {

class Device;

struct BufferDesc {
    VkDeviceSize size = 0;
    VkBufferUsageFlags usage = 0;
    MemoryUsage memory = MemoryUsage::GpuOnly;
    std::string name;
};

class Buffer {
public:
    static Buffer create(Device& device, const BufferDesc& desc);
    Buffer() = default;
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    ~Buffer();

    VkBuffer handle() const { return m_buffer; }
    VkDeviceSize size() const { return m_size; }
    explicit operator bool() const { return m_buffer != VK_NULL_HANDLE; }
    // Empty unless the buffer lives in host-visible memory.
    std::span<std::byte> mapped() const;
    // Makes CPU writes visible to the GPU (no-op on coherent memory).
    void flush() const;
    // Makes GPU writes visible to the CPU, after the GPU work is known complete.
    void invalidate() const;

    // Copies `bytes` into a device-local buffer through a staging buffer, waiting for the copy.
    // Load-time only.
    static Buffer createWithData(Device& device, const BufferDesc& desc,
                                 std::span<const std::byte> bytes);

private:
    void release();

    Device* m_device = nullptr;
    VkBuffer m_buffer = VK_NULL_HANDLE;
    Allocation m_allocation;
    VkDeviceSize m_size = 0;
};

}  // namespace pt::gfx
