#pragma once
// The Vulkan instance and, when validation is on, a debug messenger that logs every validation
// message and counts errors. Created once per process by the app or test; outlives the Device.
#include <vulkan/vulkan.h>

#include <atomic>
#include <string>
#include <vector>

#include "core/result.h"

namespace pt::gfx {

struct InstanceDesc {
    bool validation = false;
    // Extensions a window system needs (from glfwGetRequiredInstanceExtensions); empty headless.
    std::vector<std::string> extensions;
};

// Counts validation messages. Written by the driver's callback thread, read by anyone.
struct ValidationStats {
    std::atomic<uint32_t> errors{0};
    std::atomic<uint32_t> warnings{0};
};

class Instance {
public:
    static Result<Instance> create(const InstanceDesc& desc);
    Instance() = default;
    Instance(Instance&& other) noexcept;
    Instance& operator=(Instance&& other) noexcept;
    ~Instance();

    VkInstance handle() const { return m_instance; }
    bool validationEnabled() const { return m_messenger != VK_NULL_HANDLE; }
    // Errors since creation; 0 when validation is off. Stable address for the whole lifetime.
    const ValidationStats& validation() const { return *m_stats; }

private:
    void destroy();

    VkInstance m_instance = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT m_messenger = VK_NULL_HANDLE;
    ValidationStats* m_stats = nullptr;
};

// Errors reported by every validation messenger in this process (tests assert it stays 0).
uint32_t processValidationErrors();

}  // namespace pt::gfx
