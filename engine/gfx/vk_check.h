#pragma once
// PT_VK_CHECK: for Vulkan calls that only fail on programming errors or lost devices. Logs the
// result name, the expression and file:line, then aborts (in release builds too). Results that
// are part of normal operation (VK_ERROR_OUT_OF_DATE_KHR, VK_SUBOPTIMAL_KHR, VK_TIMEOUT) are
// handled where they occur instead.
#include <vulkan/vulkan.h>

namespace pt::gfx {

const char* vkResultName(VkResult result);
[[noreturn]] void vkCheckFailed(VkResult result, const char* expr, const char* file, int line);

}  // namespace pt::gfx

#define PT_VK_CHECK(expr)                                                     \
    do {                                                                      \
        const VkResult ptVkResult_ = (expr);                                  \
        if (ptVkResult_ != VK_SUCCESS)                                        \
            ::pt::gfx::vkCheckFailed(ptVkResult_, #expr, __FILE__, __LINE__); \
    } while (0)
