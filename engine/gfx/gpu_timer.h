#pragma once
// GPU time per pass from timestamp queries. One timer per frame slot; results are read when
// the slot is reused (its fence has passed), so reading never waits.
#include <vulkan/vulkan.h>

#include <string>
#include <utility>
#include <vector>

namespace pt::gfx {

class Device;

struct PassTime {
    std::string name;
    double milliseconds = 0;
};

class GpuTimer {
public:
    GpuTimer() = default;
    GpuTimer(Device& device, const std::string& name);
    GpuTimer(const GpuTimer&) = delete;
    GpuTimer& operator=(const GpuTimer&) = delete;
    GpuTimer(GpuTimer&& other) noexcept;
    GpuTimer& operator=(GpuTimer&& other) noexcept;
    ~GpuTimer();

    // Collects the previous use's results and resets the queries. Call after the fence wait.
    void collect();
    void begin(VkCommandBuffer cmd, const std::string& pass);
    void end(VkCommandBuffer cmd);
    // The pass times of the last completed use of this slot.
    const std::vector<PassTime>& results() const { return m_results; }

private:
    Device* m_device = nullptr;
    VkQueryPool m_pool = VK_NULL_HANDLE;
    std::vector<std::string> m_pending;
    uint32_t m_used = 0;
    std::vector<PassTime> m_results;
};

}  // namespace pt::gfx
