#pragma once
// A linear, per-frame, host-visible allocator for data the GPU reads once this frame (instance
// data, entity state, UI vertices). Reset when its frame slot comes round again, i.e. after the
// GPU finished with it. Grows by replacing its buffer (the old one retires with the frame).
#include <vulkan/vulkan.h>

#include <cstddef>
#include <span>

#include "gfx/buffer.h"

namespace pt::gfx {

struct UploadSlice {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceSize offset = 0;
    std::span<std::byte> bytes;
};

class UploadArena {
public:
    UploadArena() = default;
    UploadArena(Device& device, VkDeviceSize size, const std::string& name);

    UploadSlice allocate(VkDeviceSize size, VkDeviceSize alignment = 256);
    void reset() { m_used = 0; }
    VkDeviceSize capacity() const { return m_buffer.size(); }

private:
    Device* m_device = nullptr;
    Buffer m_buffer;
    VkDeviceSize m_used = 0;
    std::string m_name;
};

}  // namespace pt::gfx
