#include "gfx/upload_arena.h"

#include <algorithm>

#include "gfx/device.h"

namespace pt::gfx {
namespace {

constexpr VkBufferUsageFlags kArenaUsage =
    VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_VERTEX_BUFFER_BIT |
    VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
    VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT;

}  // namespace

UploadArena::UploadArena(Device& device, VkDeviceSize size, const std::string& name)
    : m_device(&device), m_name(name) {
    m_buffer = Buffer::create(
        device, {.size = size, .usage = kArenaUsage, .memory = MemoryUsage::Upload, .name = name});
}

UploadSlice UploadArena::allocate(VkDeviceSize size, VkDeviceSize alignment) {
    VkDeviceSize offset = (m_used + alignment - 1) / alignment * alignment;
    if (offset + size > m_buffer.size()) {
        // Slices already handed out this frame keep the old buffer alive until it retires.
        const VkDeviceSize newSize = std::max(m_buffer.size() * 2, size + alignment);
        m_buffer = Buffer::create(
            *m_device,
            {.size = newSize, .usage = kArenaUsage, .memory = MemoryUsage::Upload, .name = m_name});
        offset = 0;
    }
    m_used = offset + size;
    return {m_buffer.handle(), offset, m_buffer.mapped().subspan(size_t(offset), size_t(size))};
}

}  // namespace pt::gfx
