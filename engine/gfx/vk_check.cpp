#include "gfx/vk_check.h"

#include <cstdio>
#include <cstdlib>

namespace pt::gfx {

const char* vkResultName(VkResult result) {
    switch (result) {
#define PT_CASE(x) \
    case x:        \
        return #x;
        PT_CASE(VK_SUCCESS)
        PT_CASE(VK_NOT_READY)
        PT_CASE(VK_TIMEOUT)
        PT_CASE(VK_EVENT_SET)
        PT_CASE(VK_EVENT_RESET)
        PT_CASE(VK_INCOMPLETE)
        PT_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
        PT_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
        PT_CASE(VK_ERROR_INITIALIZATION_FAILED)
        PT_CASE(VK_ERROR_DEVICE_LOST)
        PT_CASE(VK_ERROR_MEMORY_MAP_FAILED)
        PT_CASE(VK_ERROR_LAYER_NOT_PRESENT)
        PT_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
        PT_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
        PT_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
        PT_CASE(VK_ERROR_TOO_MANY_OBJECTS)
        PT_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
        PT_CASE(VK_ERROR_FRAGMENTED_POOL)
        PT_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
        PT_CASE(VK_ERROR_SURFACE_LOST_KHR)
        PT_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
        PT_CASE(VK_SUBOPTIMAL_KHR)
        PT_CASE(VK_ERROR_OUT_OF_DATE_KHR)
        PT_CASE(VK_ERROR_VALIDATION_FAILED_EXT)
#undef PT_CASE
        default:
            return "VK_ERROR_(unknown)";
    }
}

void vkCheckFailed(VkResult result, const char* expr, const char* file, int line) {
    std::fprintf(stderr, "[parktwin fatal] %s returned %s (%s:%d)\n", expr, vkResultName(result),
                 file, line);
    std::abort();
}

}  // namespace pt::gfx
