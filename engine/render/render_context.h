#pragma once
// Everything a program needs to draw: instance, device and frame ring, created in the right
// order and destroyed in reverse (declaration order below is the shutdown order, reversed).
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "gfx/device.h"
#include "gfx/frame_ring.h"
#include "gfx/instance.h"

struct GLFWwindow;

namespace pt::render {

struct RenderContextDesc {
    bool validation = false;
    GLFWwindow* window = nullptr;  // null: headless (no surface, no display needed)
    std::string deviceFilter;      // substring of the device name to prefer (e.g. "llvmpipe")
};

struct RenderContext {
    gfx::Instance instance;
    VkSurfaceKHR surface = VK_NULL_HANDLE;  // handed to a SwapchainTarget, which owns it
    std::unique_ptr<gfx::Device> device;
    std::unique_ptr<gfx::FrameRing> frames;

    static Result<std::unique_ptr<RenderContext>> create(const RenderContextDesc& desc);
    RenderContext() = default;
    RenderContext(const RenderContext&) = delete;
    RenderContext& operator=(const RenderContext&) = delete;
    // Frame ring first (waits for the GPU), then the device, then the instance.
    ~RenderContext();
};

}  // namespace pt::render
