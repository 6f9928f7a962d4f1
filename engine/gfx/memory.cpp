#include "gfx/memory.h"

#include <algorithm>

#include "core/check.h"
#include "gfx/config.h"
#include "gfx/vk_check.h"

namespace pt::gfx {
namespace {

VkDeviceSize alignUp(VkDeviceSize value, VkDeviceSize alignment) {
    return (value + alignment - 1) / alignment * alignment;
}

}  // namespace

Allocator::Allocator(VkDevice device, VkPhysicalDevice physicalDevice) : m_device(device) {
    vkGetPhysicalDeviceMemoryProperties(physicalDevice, &m_properties);
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(physicalDevice, &props);
    // Buffers and optimal images may share a block: keep them a granularity page apart.
    m_granularity = std::max<VkDeviceSize>(props.limits.bufferImageGranularity, 16);
    m_atomSize = std::max<VkDeviceSize>(props.limits.nonCoherentAtomSize, 1);
}

Allocator::~Allocator() {
    for (auto& block : m_blocks)
        if (block.memory != VK_NULL_HANDLE) vkFreeMemory(m_device, block.memory, nullptr);
}

uint32_t Allocator::findMemoryType(uint32_t typeBits, MemoryUsage usage) const {
    VkMemoryPropertyFlags required = 0, preferred = 0;
    switch (usage) {
        case MemoryUsage::GpuOnly:
            preferred = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
            break;
        case MemoryUsage::Upload:
            required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
            break;
        case MemoryUsage::Readback:
            required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
            preferred = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
            break;
    }
    int best = -1;
    for (uint32_t i = 0; i < m_properties.memoryTypeCount; ++i) {
        const VkMemoryPropertyFlags flags = m_properties.memoryTypes[i].propertyFlags;
        if (!(typeBits & (1u << i)) || (flags & required) != required) continue;
        if ((flags & preferred) == preferred) return i;
        if (best < 0) best = int(i);
    }
    PT_CHECK(best >= 0);
    return uint32_t(best);
}

VkDeviceMemory Allocator::allocateDeviceMemory(VkDeviceSize size, uint32_t type,
                                               std::byte** mapped) {
    const VkMemoryAllocateInfo info{
        .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
        .allocationSize = size,
        .memoryTypeIndex = type,
    };
    VkDeviceMemory memory;
    PT_VK_CHECK(vkAllocateMemory(m_device, &info, nullptr, &memory));
    *mapped = nullptr;
    if (m_properties.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
        void* ptr = nullptr;
        PT_VK_CHECK(vkMapMemory(m_device, memory, 0, VK_WHOLE_SIZE, 0, &ptr));
        *mapped = static_cast<std::byte*>(ptr);
    }
    m_stats.reservedBytes += size;
    m_stats.deviceAllocations++;
    return memory;
}

bool Allocator::carve(Block& block, VkDeviceSize size, VkDeviceSize alignment,
                      VkDeviceSize* offset) {
    for (size_t i = 0; i < block.freeRanges.size(); ++i) {
        Range& range = block.freeRanges[i];
        const VkDeviceSize start = alignUp(range.offset, alignment);
        const VkDeviceSize end = start + size;
        if (end > range.offset + range.size) continue;
        const Range before{range.offset, start - range.offset};
        const Range after{end, range.offset + range.size - end};
        block.freeRanges.erase(block.freeRanges.begin() + long(i));
        if (after.size > 0) block.freeRanges.insert(block.freeRanges.begin() + long(i), after);
        if (before.size > 0) block.freeRanges.insert(block.freeRanges.begin() + long(i), before);
        *offset = start;
        return true;
    }
    return false;
}

Allocation Allocator::allocate(const VkMemoryRequirements& requirements, MemoryUsage usage) {
    const uint32_t type = findMemoryType(requirements.memoryTypeBits, usage);
    const VkDeviceSize alignment = std::max(requirements.alignment, m_granularity);
    const VkDeviceSize size = alignUp(requirements.size, m_granularity);
    Allocation a{.size = size, .memoryType = type};
    a.coherent =
        m_properties.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    m_stats.usedBytes += size;
    m_stats.liveAllocations++;

    if (size > kMemoryBlockSize / 2) {
        a.memory = allocateDeviceMemory(size, type, &a.mapped);
        return a;
    }
    for (size_t b = 0; b < m_blocks.size(); ++b) {
        Block& block = m_blocks[b];
        if (block.memory == VK_NULL_HANDLE || block.memoryType != type) continue;
        if (carve(block, size, alignment, &a.offset)) {
            a.memory = block.memory;
            a.block = int32_t(b);
            a.mapped = block.mapped ? block.mapped + a.offset : nullptr;
            return a;
        }
    }
    Block block{.memoryType = type};
    block.memory = allocateDeviceMemory(kMemoryBlockSize, type, &block.mapped);
    block.freeRanges.push_back({0, kMemoryBlockSize});
    PT_CHECK(carve(block, size, alignment, &a.offset));
    m_blocks.push_back(std::move(block));
    a.memory = m_blocks.back().memory;
    a.block = int32_t(m_blocks.size() - 1);
    a.mapped = m_blocks.back().mapped ? m_blocks.back().mapped + a.offset : nullptr;
    return a;
}

void Allocator::free(const Allocation& a) {
    if (a.memory == VK_NULL_HANDLE) return;
    m_stats.usedBytes -= a.size;
    m_stats.liveAllocations--;
    if (a.block < 0) {
        vkFreeMemory(m_device, a.memory, nullptr);
        m_stats.reservedBytes -= a.size;
        m_stats.deviceAllocations--;
        return;
    }
    auto& ranges = m_blocks[size_t(a.block)].freeRanges;
    auto it = std::lower_bound(ranges.begin(), ranges.end(), a.offset,
                               [](const Range& r, VkDeviceSize off) { return r.offset < off; });
    it = ranges.insert(it, Range{a.offset, a.size});
    // Coalesce with the next, then the previous neighbour.
    if (auto next = it + 1; next != ranges.end() && it->offset + it->size == next->offset) {
        it->size += next->size;
        ranges.erase(next);
    }
    if (it != ranges.begin()) {
        auto prev = it - 1;
        if (prev->offset + prev->size == it->offset) {
            prev->size += it->size;
            ranges.erase(it);
        }
    }
}

void Allocator::flush(const Allocation& a) {
    if (a.coherent || !a.mapped) return;
    const VkMappedMemoryRange range{.sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE,
                                    .memory = a.memory,
                                    .offset = a.offset / m_atomSize * m_atomSize,
                                    .size = VK_WHOLE_SIZE};
    PT_VK_CHECK(vkFlushMappedMemoryRanges(m_device, 1, &range));
}

void Allocator::invalidate(const Allocation& a) {
    if (a.coherent || !a.mapped) return;
    const VkMappedMemoryRange range{.sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE,
                                    .memory = a.memory,
                                    .offset = a.offset / m_atomSize * m_atomSize,
                                    .size = VK_WHOLE_SIZE};
    PT_VK_CHECK(vkInvalidateMappedMemoryRanges(m_device, 1, &range));
}

}  // namespace pt::gfx
