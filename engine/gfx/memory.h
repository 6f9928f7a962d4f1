#pragma once
// A small device-memory suballocator (Debian 12 has no Vulkan memory allocator package):
// per memory type, kMemoryBlockSize blocks carved first-fit with coalescing free lists;
// requests larger than half a block get a dedicated allocation. Host-visible blocks stay
// persistently mapped. Owned by the Device; not thread-safe (render thread only).
#include <vulkan/vulkan.h>

#include <cstddef>
#include <vector>

namespace pt::gfx {

enum class MemoryUsage {
    GpuOnly,   // device-local: meshes, images, attachments
    Upload,    // host-visible, coherent, written by the CPU, read by the GPU
    Readback,  // host-visible (cached if possible), written by the GPU, read by the CPU
};

struct Allocation {
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkDeviceSize offset = 0;
    VkDeviceSize size = 0;
    std::byte* mapped = nullptr;  // null unless host-visible
    uint32_t memoryType = 0;
    int32_t block = -1;  // -1: dedicated allocation
    bool coherent = true;
};

struct MemoryStats {
    VkDeviceSize reservedBytes = 0;  // in vkAllocateMemory allocations
    VkDeviceSize usedBytes = 0;      // handed out to resources
    uint32_t deviceAllocations = 0;
    uint32_t liveAllocations = 0;
};

class Allocator {
public:
    Allocator() = default;
    Allocator(VkDevice device, VkPhysicalDevice physicalDevice);
    Allocator(const Allocator&) = delete;
    Allocator& operator=(const Allocator&) = delete;
    ~Allocator();

    Allocation allocate(const VkMemoryRequirements& requirements, MemoryUsage usage);
    void free(const Allocation& allocation);
    // Makes CPU writes visible / GPU writes readable for non-coherent memory.
    void flush(const Allocation& allocation);
    void invalidate(const Allocation& allocation);
    MemoryStats stats() const { return m_stats; }

private:
    struct Range {
        VkDeviceSize offset;
        VkDeviceSize size;
    };
    struct Block {
        VkDeviceMemory memory = VK_NULL_HANDLE;
        uint32_t memoryType = 0;
        std::byte* mapped = nullptr;
        std::vector<Range> freeRanges;  // sorted by offset, never adjacent
    };

    uint32_t findMemoryType(uint32_t typeBits, MemoryUsage usage) const;
    VkDeviceMemory allocateDeviceMemory(VkDeviceSize size, uint32_t type, std::byte** mapped);
    bool carve(Block& block, VkDeviceSize size, VkDeviceSize alignment, VkDeviceSize* offset);

    VkDevice m_device = VK_NULL_HANDLE;
    VkPhysicalDeviceMemoryProperties m_properties{};
    VkDeviceSize m_granularity = 1;
    VkDeviceSize m_atomSize = 1;
    std::vector<Block> m_blocks;
    MemoryStats m_stats;
};

}  // namespace pt::gfx
