#include "gfx/gpu_timer.h"

#include "gfx/config.h"
#include "gfx/device.h"
#include "gfx/vk_check.h"

namespace pt::gfx {

GpuTimer::GpuTimer(Device& device, const std::string& name) : m_device(&device) {
    if (device.timestampPeriodNs() <= 0) return;
    const VkQueryPoolCreateInfo info{.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO,
                                     .queryType = VK_QUERY_TYPE_TIMESTAMP,
                                     .queryCount = kMaxTimestampQueries};
    PT_VK_CHECK(vkCreateQueryPool(device.handle(), &info, nullptr, &m_pool));
    vkResetQueryPool(device.handle(), m_pool, 0, kMaxTimestampQueries);
    device.setName(VK_OBJECT_TYPE_QUERY_POOL, m_pool, name);
}

GpuTimer::GpuTimer(GpuTimer&& other) noexcept {
    *this = std::move(other);
}

GpuTimer& GpuTimer::operator=(GpuTimer&& other) noexcept {
    std::swap(m_device, other.m_device);
    std::swap(m_pool, other.m_pool);
    std::swap(m_pending, other.m_pending);
    std::swap(m_used, other.m_used);
    std::swap(m_results, other.m_results);
    return *this;
}

GpuTimer::~GpuTimer() {
    // Only destroyed at shutdown after the device is idle (FrameRing's destructor waits).
    if (m_pool != VK_NULL_HANDLE) vkDestroyQueryPool(m_device->handle(), m_pool, nullptr);
}

void GpuTimer::collect() {
    if (m_pool == VK_NULL_HANDLE || m_used == 0) return;
    std::vector<uint64_t> ticks(m_used);
    const VkResult r = vkGetQueryPoolResults(m_device->handle(), m_pool, 0, m_used,
                                             ticks.size() * sizeof(uint64_t), ticks.data(),
                                             sizeof(uint64_t), VK_QUERY_RESULT_64_BIT);
    if (r == VK_SUCCESS) {
        m_results.clear();
        for (uint32_t i = 0; i + 1 < m_used; i += 2)
            m_results.push_back({m_pending[i / 2], double(ticks[i + 1] - ticks[i]) *
                                                       m_device->timestampPeriodNs() * 1e-6});
    }
    vkResetQueryPool(m_device->handle(), m_pool, 0, kMaxTimestampQueries);
    m_used = 0;
    m_pending.clear();
}

void GpuTimer::begin(VkCommandBuffer cmd, const std::string& pass) {
    if (m_pool == VK_NULL_HANDLE || m_used + 2 > kMaxTimestampQueries) return;
    m_pending.push_back(pass);
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_TOP_OF_PIPE_BIT, m_pool, m_used++);
}

void GpuTimer::end(VkCommandBuffer cmd) {
    if (m_pool == VK_NULL_HANDLE || m_used % 2 == 0) return;
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_BOTTOM_OF_PIPE_BIT, m_pool, m_used++);
}

}  // namespace pt::gfx
