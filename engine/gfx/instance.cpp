#include "gfx/instance.h"

#include <cstring>
#include <utility>

#include "core/log.h"
#include "gfx/vk_check.h"

namespace pt::gfx {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";
std::atomic<uint32_t> g_processValidationErrors{0};

VKAPI_ATTR VkBool32 VKAPI_CALL onValidationMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                   VkDebugUtilsMessageTypeFlagsEXT,
                                                   const VkDebugUtilsMessengerCallbackDataEXT* data,
                                                   void* user) {
    auto* stats = static_cast<ValidationStats*>(user);
    if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
        stats->errors++;
        g_processValidationErrors++;
        log::error("vulkan validation: ", data->pMessage);
    } else if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
        stats->warnings++;
        log::warn("vulkan validation: ", data->pMessage);
    }
    return VK_FALSE;
}

bool hasLayer(const char* name) {
    uint32_t count = 0;
    vkEnumerateInstanceLayerProperties(&count, nullptr);
    std::vector<VkLayerProperties> layers(count);
    vkEnumerateInstanceLayerProperties(&count, layers.data());
    for (const auto& layer : layers)
        if (std::strcmp(layer.layerName, name) == 0) return true;
    return false;
}

}  // namespace

uint32_t processValidationErrors() {
    return g_processValidationErrors.load();
}

Result<Instance> Instance::create(const InstanceDesc& desc) {
    uint32_t apiVersion = 0;
    vkEnumerateInstanceVersion(&apiVersion);
    if (apiVersion < VK_API_VERSION_1_3)
        return makeError("Vulkan 1.3 is required; the loader offers ",
                         VK_API_VERSION_MAJOR(apiVersion), ".", VK_API_VERSION_MINOR(apiVersion));
    if (desc.validation && !hasLayer(kValidationLayer))
        return makeError("validation requested but ", kValidationLayer,
                         " is not installed (Debian package vulkan-validationlayers)");

    std::vector<const char*> extensions;
    for (const auto& e : desc.extensions)
        extensions.push_back(e.c_str());
    if (desc.validation) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);

    Instance instance;
    instance.m_stats = new ValidationStats;
    VkDebugUtilsMessengerCreateInfoEXT messengerInfo{
        .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT,
        .messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                           VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT,
        .messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT,
        .pfnUserCallback = onValidationMessage,
        .pUserData = instance.m_stats,
    };
    const VkApplicationInfo appInfo{
        .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
        .pApplicationName = "ParkTwin",
        .applicationVersion = VK_MAKE_API_VERSION(0, 0, 1, 0),
        .pEngineName = "ParkTwin",
        .engineVersion = VK_MAKE_API_VERSION(0, 0, 1, 0),
        .apiVersion = VK_API_VERSION_1_3,
    };
    const VkInstanceCreateInfo createInfo{
        .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
        // Chained so that instance creation and destruction are validated too.
        .pNext = desc.validation ? &messengerInfo : nullptr,
        .pApplicationInfo = &appInfo,
        .enabledLayerCount = desc.validation ? 1u : 0u,
        .ppEnabledLayerNames = &kValidationLayer,
        .enabledExtensionCount = uint32_t(extensions.size()),
        .ppEnabledExtensionNames = extensions.data(),
    };
    const VkResult result = vkCreateInstance(&createInfo, nullptr, &instance.m_instance);
    if (result != VK_SUCCESS)
        return makeError("cannot create a Vulkan instance (", vkResultName(result),
                         "); is a Vulkan driver installed (mesa-vulkan-drivers)?");
    if (desc.validation) {
        auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance.m_instance, "vkCreateDebugUtilsMessengerEXT"));
        PT_VK_CHECK(create(instance.m_instance, &messengerInfo, nullptr, &instance.m_messenger));
    }
    return instance;
}

Instance::Instance(Instance&& other) noexcept {
    *this = std::move(other);
}

Instance& Instance::operator=(Instance&& other) noexcept {
    if (this != &other) {
        destroy();
        m_instance = std::exchange(other.m_instance, VK_NULL_HANDLE);
        m_messenger = std::exchange(other.m_messenger, VK_NULL_HANDLE);
        m_stats = std::exchange(other.m_stats, nullptr);
    }
    return *this;
}

Instance::~Instance() {
    destroy();
}

void Instance::destroy() {
    if (m_messenger != VK_NULL_HANDLE) {
        auto destroyMessenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(m_instance, "vkDestroyDebugUtilsMessengerEXT"));
        destroyMessenger(m_instance, m_messenger, nullptr);
        m_messenger = VK_NULL_HANDLE;
    }
    if (m_instance != VK_NULL_HANDLE) vkDestroyInstance(m_instance, nullptr);
    m_instance = VK_NULL_HANDLE;
    delete m_stats;
    m_stats = nullptr;
}

}  // namespace pt::gfx
