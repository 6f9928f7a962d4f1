#include "render/render_context.h"

#include <GLFW/glfw3.h>

#include "render/swapchain_target.h"

namespace pt::render {

Result<std::unique_ptr<RenderContext>> RenderContext::create(const RenderContextDesc& desc) {
    auto ctx = std::make_unique<RenderContext>();
    gfx::InstanceDesc instanceDesc{.validation = desc.validation};
    if (desc.window) {
        uint32_t count = 0;
        const char** names = glfwGetRequiredInstanceExtensions(&count);
        if (!names) return makeError("the window system offers no Vulkan surface support");
        for (uint32_t i = 0; i < count; ++i)
            instanceDesc.extensions.emplace_back(names[i]);
    }
    auto instance = gfx::Instance::create(instanceDesc);
    if (!instance) return instance.error();
    ctx->instance = std::move(*instance);
    if (desc.window) {
        auto surface = createWindowSurface(ctx->instance.handle(), desc.window);
        if (!surface) return surface.error();
        ctx->surface = *surface;
    }
    auto device = gfx::Device::create(ctx->instance,
                                      {.surface = ctx->surface, .nameFilter = desc.deviceFilter});
    if (!device) {
        if (ctx->surface) vkDestroySurfaceKHR(ctx->instance.handle(), ctx->surface, nullptr);
        ctx->surface = VK_NULL_HANDLE;
        return device.error();
    }
    ctx->device = std::move(*device);
    ctx->frames = std::make_unique<gfx::FrameRing>(*ctx->device);
    return ctx;
}

RenderContext::~RenderContext() {
    frames.reset();
    device.reset();
}

}  // namespace pt::render
