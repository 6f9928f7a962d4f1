#include "gfx/device.h"

#include <cstring>
#include <vector>

#include "core/log.h"
#include "gfx/instance.h"
#include "gfx/vk_check.h"

namespace pt::gfx {
namespace {

struct Candidate {
    VkPhysicalDevice device = VK_NULL_HANDLE;
    uint32_t queueFamily = 0;
    int score = -1;
    std::string rejected;
};

int typeScore(VkPhysicalDeviceType type) {
    switch (type) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
            return 4;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
            return 3;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
            return 2;
        case VK_PHYSICAL_DEVICE_TYPE_CPU:
            return 1;
        default:
            return 0;
    }
}

bool hasExtension(VkPhysicalDevice device, const char* name) {
    uint32_t count = 0;
    vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> exts(count);
    vkEnumerateDeviceExtensionProperties(device, nullptr, &count, exts.data());
    for (const auto& e : exts)
        if (std::strcmp(e.extensionName, name) == 0) return true;
    return false;
}

Candidate evaluate(VkPhysicalDevice device, const DeviceDesc& desc) {
    Candidate c{.device = device};
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(device, &props);
    if (props.apiVersion < VK_API_VERSION_1_3) return c.rejected = "no Vulkan 1.3", c;
    if (!desc.nameFilter.empty() && !std::strstr(props.deviceName, desc.nameFilter.c_str()))
        return c.rejected = "name does not match filter", c;
    VkPhysicalDeviceVulkan13Features f13{.sType =
                                             VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
    VkPhysicalDeviceFeatures2 f2{.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
                                 .pNext = &f13};
    vkGetPhysicalDeviceFeatures2(device, &f2);
    if (!f13.dynamicRendering || !f13.synchronization2)
        return c.rejected = "no dynamic rendering or synchronization2", c;
    VkPhysicalDeviceFeatures base;
    vkGetPhysicalDeviceFeatures(device, &base);
    if (!base.independentBlend) return c.rejected = "no independent blend", c;
    if (desc.surface && !hasExtension(device, VK_KHR_SWAPCHAIN_EXTENSION_NAME))
        return c.rejected = "no swapchain support", c;

    uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
    for (uint32_t i = 0; i < count; ++i) {
        if (!(families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) continue;
        VkBool32 present = VK_TRUE;
        if (desc.surface) vkGetPhysicalDeviceSurfaceSupportKHR(device, i, desc.surface, &present);
        if (!present) continue;
        c.queueFamily = i;
        c.score = typeScore(props.deviceType);
        return c;
    }
    return c.rejected = "no graphics queue that can present", c;
}

}  // namespace

Result<std::unique_ptr<Device>> Device::create(const Instance& instance, const DeviceDesc& desc) {
    uint32_t count = 0;
    vkEnumeratePhysicalDevices(instance.handle(), &count, nullptr);
    std::vector<VkPhysicalDevice> physicals(count);
    vkEnumeratePhysicalDevices(instance.handle(), &count, physicals.data());

    Candidate best;
    std::string reasons;
    for (VkPhysicalDevice p : physicals) {
        Candidate c = evaluate(p, desc);
        VkPhysicalDeviceProperties props;
        vkGetPhysicalDeviceProperties(p, &props);
        if (c.score < 0) reasons += strCat("; ", props.deviceName, ": ", c.rejected);
        if (c.score > best.score) best = c;
    }
    if (best.score < 0)
        return makeError("no usable Vulkan device (", count, " found", reasons, ")");

    std::unique_ptr<Device> d(new Device);
    d->m_instance = instance.handle();
    d->m_physical = best.device;
    d->m_queueFamily = best.queueFamily;
    vkGetPhysicalDeviceProperties(best.device, &d->m_properties);
    d->m_name = d->m_properties.deviceName;

    VkPhysicalDeviceFeatures supported;
    vkGetPhysicalDeviceFeatures(best.device, &supported);
    const float priority = 1.0f;
    const VkDeviceQueueCreateInfo queueInfo{.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
                                            .queueFamilyIndex = best.queueFamily,
                                            .queueCount = 1,
                                            .pQueuePriorities = &priority};
    VkPhysicalDeviceVulkan13Features f13{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
        .synchronization2 = VK_TRUE,
        .dynamicRendering = VK_TRUE,
        // Required by Vulkan 1.3: lets a vertex shader write outputs that some fragment-shader
        // variants do not read (mesh.frag's untextured variants skip the texture inputs).
        .maintenance4 = VK_TRUE};
    VkPhysicalDeviceVulkan12Features f12{
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
        .pNext = &f13,
        .hostQueryReset = VK_TRUE};
    VkPhysicalDeviceFeatures2 features{.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
                                       .pNext = &f12};
    features.features.samplerAnisotropy = supported.samplerAnisotropy;
    // Colour and integer entity-id attachments in one pass need different blend states.
    features.features.independentBlend = supported.independentBlend;
    features.features.fillModeNonSolid = supported.fillModeNonSolid;
    features.features.wideLines = supported.wideLines;
    features.features.depthClamp = supported.depthClamp;
    features.features.multiDrawIndirect = supported.multiDrawIndirect;
    features.features.drawIndirectFirstInstance = supported.drawIndirectFirstInstance;
    const char* swapchainExt = VK_KHR_SWAPCHAIN_EXTENSION_NAME;
    const VkDeviceCreateInfo info{.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
                                  .pNext = &features,
                                  .queueCreateInfoCount = 1,
                                  .pQueueCreateInfos = &queueInfo,
                                  .enabledExtensionCount = desc.surface ? 1u : 0u,
                                  .ppEnabledExtensionNames = &swapchainExt};
    const VkResult result = vkCreateDevice(best.device, &info, nullptr, &d->m_device);
    if (result != VK_SUCCESS)
        return makeError("cannot create a device on ", d->m_name, " (", vkResultName(result), ")");
    vkGetDeviceQueue(d->m_device, best.queueFamily, 0, &d->m_queue);

    uint32_t familyCount = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(best.device, &familyCount, nullptr);
    std::vector<VkQueueFamilyProperties> families(familyCount);
    vkGetPhysicalDeviceQueueFamilyProperties(best.device, &familyCount, families.data());
    if (families[best.queueFamily].timestampValidBits > 0)
        d->m_timestampPeriod = d->m_properties.limits.timestampPeriod;

    d->m_allocator = std::make_unique<Allocator>(d->m_device, best.device);
    if (instance.validationEnabled())
        d->m_setObjectName = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
            vkGetInstanceProcAddr(instance.handle(), "vkSetDebugUtilsObjectNameEXT"));
    const VkCommandPoolCreateInfo poolInfo{.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
                                           .flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT,
                                           .queueFamilyIndex = best.queueFamily};
    PT_VK_CHECK(vkCreateCommandPool(d->m_device, &poolInfo, nullptr, &d->m_immediatePool));
    d->setName(VK_OBJECT_TYPE_COMMAND_POOL, d->m_immediatePool, "immediate command pool");

    static const char* kTypeNames[] = {"other", "integrated GPU", "discrete GPU", "virtual GPU",
                                       "CPU"};
    log::info("Vulkan device: ", d->m_name, " (", kTypeNames[d->m_properties.deviceType % 5], ", ",
              physicals.size(), " found)");
    return d;
}

Device::~Device() {
    if (m_device == VK_NULL_HANDLE) return;
    vkDeviceWaitIdle(m_device);
    collectRetired(UINT64_MAX);
    vkDestroyCommandPool(m_device, m_immediatePool, nullptr);
    m_allocator.reset();
    vkDestroyDevice(m_device, nullptr);
}

VkSampleCountFlagBits Device::maxSamples(VkSampleCountFlagBits wanted) const {
    const VkSampleCountFlags counts = m_properties.limits.framebufferColorSampleCounts &
                                      m_properties.limits.framebufferDepthSampleCounts;
    for (VkSampleCountFlagBits s = wanted; s > VK_SAMPLE_COUNT_1_BIT;
         s = VkSampleCountFlagBits(s >> 1))
        if (counts & s) return s;
    return VK_SAMPLE_COUNT_1_BIT;
}

void Device::setName(VkObjectType type, uint64_t handle, const std::string& name) const {
    if (!m_setObjectName || handle == 0) return;
    const VkDebugUtilsObjectNameInfoEXT info{
        .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT,
        .objectType = type,
        .objectHandle = handle,
        .pObjectName = name.c_str()};
    m_setObjectName(m_device, &info);
}

void Device::retire(std::function<void()> destroy) {
    m_retired.push_back({m_currentFrame, std::move(destroy)});
}

void Device::collectRetired(uint64_t completedFrame) {
    // Entries are in frame order, so the finished ones are at the front.
    while (!m_retired.empty() && m_retired.front().frame <= completedFrame) {
        auto destroy = std::move(m_retired.front().destroy);
        m_retired.pop_front();
        destroy();
    }
}

void Device::submitNow(const std::function<void(VkCommandBuffer)>& record) {
    const VkCommandBufferAllocateInfo allocInfo{
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
        .commandPool = m_immediatePool,
        .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
        .commandBufferCount = 1};
    VkCommandBuffer cmd;
    PT_VK_CHECK(vkAllocateCommandBuffers(m_device, &allocInfo, &cmd));
    const VkCommandBufferBeginInfo begin{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
                                         .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT};
    PT_VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
    record(cmd);
    PT_VK_CHECK(vkEndCommandBuffer(cmd));
    const VkFenceCreateInfo fenceInfo{.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence;
    PT_VK_CHECK(vkCreateFence(m_device, &fenceInfo, nullptr, &fence));
    const VkCommandBufferSubmitInfo cmdInfo{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO,
                                            .commandBuffer = cmd};
    const VkSubmitInfo2 submit{.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO_2,
                               .commandBufferInfoCount = 1,
                               .pCommandBufferInfos = &cmdInfo};
    PT_VK_CHECK(vkQueueSubmit2(m_queue, 1, &submit, fence));
    PT_VK_CHECK(vkWaitForFences(m_device, 1, &fence, VK_TRUE, UINT64_MAX));
    vkDestroyFence(m_device, fence, nullptr);
    vkFreeCommandBuffers(m_device, m_immediatePool, 1, &cmd);
}

void Device::waitIdle() const {
    PT_VK_CHECK(vkDeviceWaitIdle(m_device));
}

}  // namespace pt::gfx
