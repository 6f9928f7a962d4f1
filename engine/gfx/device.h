#pragma once
// The logical device: physical-device choice, the one graphics(+present) queue, the memory
// allocator, debug names, and the deferred-destruction queue. One per process; created after the
// Instance and destroyed before it. Render-thread only.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "gfx/memory.h"

namespace pt::gfx {

class Instance;

struct DeviceDesc {
    VkSurfaceKHR surface = VK_NULL_HANDLE;  // when set, the queue must be able to present to it
    std::string nameFilter;                 // pick the first device whose name contains this
};

class Device {
public:
    static Result<std::unique_ptr<Device>> create(const Instance& instance, const DeviceDesc& desc);
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;
    // Waits for the GPU, then destroys everything still retired, then the device.
    ~Device();

    VkDevice handle() const { return m_device; }
    VkPhysicalDevice physical() const { return m_physical; }
    VkInstance instance() const { return m_instance; }
    VkQueue queue() const { return m_queue; }
    uint32_t queueFamily() const { return m_queueFamily; }
    const VkPhysicalDeviceProperties& properties() const { return m_properties; }
    const std::string& name() const { return m_name; }
    bool isCpu() const { return m_properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU; }
    Allocator& allocator() { return *m_allocator; }
    // Nanoseconds per timestamp tick; 0 when the queue has no timestamps.
    double timestampPeriodNs() const { return m_timestampPeriod; }
    VkSampleCountFlagBits maxSamples(VkSampleCountFlagBits wanted) const;

    // Names an object for validation messages and GPU debuggers (no-op without debug utils).
    void setName(VkObjectType type, uint64_t handle, const std::string& name) const;
    template <class Handle>
    void setName(VkObjectType type, Handle handle, const std::string& name) const {
        setName(type, reinterpret_cast<uint64_t>(handle), name);
    }

    // Deferred destruction: `destroy` runs once the frame being recorded now has retired on the
    // GPU (see FrameRing). Safe to call from destructors of GPU-object owners.
    void retire(std::function<void()> destroy);
    // Called by FrameRing once every frame up to `completedFrame` is known finished.
    void collectRetired(uint64_t completedFrame);
    uint64_t currentFrame() const { return m_currentFrame; }
    void setCurrentFrame(uint64_t frame) { m_currentFrame = frame; }

    // Records and runs one command buffer now and waits for it. For loading and readback only;
    // never on the per-frame path.
    void submitNow(const std::function<void(VkCommandBuffer)>& record);
    void waitIdle() const;

private:
    Device() = default;

    struct Retired {
        uint64_t frame;
        std::function<void()> destroy;
    };

    VkInstance m_instance = VK_NULL_HANDLE;
    VkPhysicalDevice m_physical = VK_NULL_HANDLE;
    VkDevice m_device = VK_NULL_HANDLE;
    VkQueue m_queue = VK_NULL_HANDLE;
    uint32_t m_queueFamily = 0;
    VkPhysicalDeviceProperties m_properties{};
    std::string m_name;
    double m_timestampPeriod = 0;
    std::unique_ptr<Allocator> m_allocator;
    std::deque<Retired> m_retired;
    uint64_t m_currentFrame = 0;
    VkCommandPool m_immediatePool = VK_NULL_HANDLE;
    PFN_vkSetDebugUtilsObjectNameEXT m_setObjectName = nullptr;
};

}  // namespace pt::gfx
