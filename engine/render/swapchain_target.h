#pragma once
// A window's swapchain. Rebuilds itself on resize and out-of-date results (waiting for the GPU:
// one of the allowed wait points), reports "nothing to draw" while the window is minimised.
// Owns the window's VkSurfaceKHR; the GLFW window must outlive it.
#include <vulkan/vulkan.h>

#include <array>
#include <vector>

#include "core/image_io.h"
#include "core/result.h"
#include "gfx/buffer.h"
#include "gfx/config.h"
#include "render/render_target.h"

struct GLFWwindow;

namespace pt::gfx {
class Device;
}

namespace pt::render {

// The surface must exist before the device (the device must be able to present to it).
Result<VkSurfaceKHR> createWindowSurface(VkInstance instance, GLFWwindow* window);

class SwapchainTarget final : public RenderTarget {
public:
    SwapchainTarget(gfx::Device& device, GLFWwindow* window, VkSurfaceKHR surface, bool vsync);
    SwapchainTarget(const SwapchainTarget&) = delete;
    SwapchainTarget& operator=(const SwapchainTarget&) = delete;
    ~SwapchainTarget() override;

    bool acquire(gfx::FrameData& frame) override;
    TargetImage image() const override;
    gfx::SubmitSync finish(gfx::FrameData& frame) override;
    void present(gfx::FrameData& frame) override;

    uint32_t rebuildCount() const { return m_rebuilds; }
    uint32_t surfaceRecreations() const { return m_surfaceRecreations; }
    // Drops the surface and swapchain and makes new ones for the same window, as after
    // VK_ERROR_SURFACE_LOST_KHR (a display driver reset, a remote session reconnecting). Called
    // from acquire/present on that error; public so tests can take the recovery path on purpose.
    void recreateSurface();
    VkExtent2D extent() const { return m_extent; }

    // Copies the next drawn image (UI included) to the CPU; takeCapture() returns it after
    // waiting for that frame. For --screenshot and the remote screenshot endpoint.
    void captureNextFrame() { m_captureRequested = true; }
    bool captureRecorded() const { return m_captureRecorded; }
    RgbaImage takeCapture(gfx::FrameRing& ring, const gfx::FrameData& frame);

private:
    bool rebuild();
    void recordCapture(VkCommandBuffer cmd, VkImage image);
    void destroySwapchain(VkSwapchainKHR swapchain);

    gfx::Device& m_device;
    GLFWwindow* m_window;
    VkSurfaceKHR m_surface;
    bool m_vsync;
    VkSwapchainKHR m_swapchain = VK_NULL_HANDLE;
    VkSurfaceFormatKHR m_format{};
    VkExtent2D m_extent{};
    std::vector<VkImage> m_images;
    std::vector<VkImageView> m_views;
    std::vector<VkSemaphore> m_renderFinished;  // per swapchain image
    std::array<VkSemaphore, gfx::kMaxFramesInFlight> m_acquired{};
    uint32_t m_imageIndex = 0;
    bool m_needsRebuild = true;
    bool m_captureRequested = false;
    bool m_captureRecorded = false;
    gfx::Buffer m_capture;
    VkExtent2D m_captureExtent{};
    uint32_t m_rebuilds = 0;
    uint32_t m_surfaceRecreations = 0;
};

}  // namespace pt::render
