#include "render/swapchain_target.h"

#include <algorithm>
#include <cstring>

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include "core/log.h"
#include "gfx/device.h"
#include "gfx/frame_ring.h"
#include "gfx/image.h"
#include "gfx/vk_check.h"

namespace pt::render {

Result<VkSurfaceKHR> createWindowSurface(VkInstance instance, GLFWwindow* window) {
    VkSurfaceKHR surface;
    const VkResult r = glfwCreateWindowSurface(instance, window, nullptr, &surface);
    if (r != VK_SUCCESS)
        return makeError("cannot create a window surface (", gfx::vkResultName(r), ")");
    return surface;
}

SwapchainTarget::SwapchainTarget(gfx::Device& device, GLFWwindow* window, VkSurfaceKHR surface,
                                 bool vsync)
    : m_device(device), m_window(window), m_surface(surface), m_vsync(vsync) {
    const VkSemaphoreCreateInfo info{.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    for (auto& s : m_acquired) {
        PT_VK_CHECK(vkCreateSemaphore(device.handle(), &info, nullptr, &s));
        device.setName(VK_OBJECT_TYPE_SEMAPHORE, s, "swapchain image acquired");
    }
}

SwapchainTarget::~SwapchainTarget() {
    m_device.waitIdle();
    destroySwapchain(m_swapchain);
    for (auto s : m_acquired)
        vkDestroySemaphore(m_device.handle(), s, nullptr);
    vkDestroySurfaceKHR(m_device.instance(), m_surface, nullptr);
}

void SwapchainTarget::destroySwapchain(VkSwapchainKHR swapchain) {
    for (auto v : m_views)
        vkDestroyImageView(m_device.handle(), v, nullptr);
    for (auto s : m_renderFinished)
        vkDestroySemaphore(m_device.handle(), s, nullptr);
    m_views.clear();
    m_renderFinished.clear();
    m_images.clear();
    if (swapchain != VK_NULL_HANDLE) vkDestroySwapchainKHR(m_device.handle(), swapchain, nullptr);
}

bool SwapchainTarget::rebuild() {
    int width = 0, height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    if (width == 0 || height == 0) return false;  // minimised: keep the old swapchain for now
    m_device.waitIdle();

    const VkPhysicalDevice physical = m_device.physical();
    VkSurfaceCapabilitiesKHR caps;
    const VkResult capsResult =
        vkGetPhysicalDeviceSurfaceCapabilitiesKHR(physical, m_surface, &caps);
    if (capsResult == VK_ERROR_SURFACE_LOST_KHR) {
        recreateSurface();
        return false;
    }
    PT_VK_CHECK(capsResult);
    uint32_t count = 0;
    vkGetPhysicalDeviceSurfaceFormatsKHR(physical, m_surface, &count, nullptr);
    std::vector<VkSurfaceFormatKHR> formats(count);
    vkGetPhysicalDeviceSurfaceFormatsKHR(physical, m_surface, &count, formats.data());
    m_format = formats[0];
    for (const auto& f : formats)
        if ((f.format == VK_FORMAT_B8G8R8A8_SRGB || f.format == VK_FORMAT_R8G8B8A8_SRGB) &&
            f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR)
            m_format = f;
    if (caps.currentExtent.width != UINT32_MAX) {
        m_extent = caps.currentExtent;
    } else {
        m_extent = {
            std::clamp(uint32_t(width), caps.minImageExtent.width, caps.maxImageExtent.width),
            std::clamp(uint32_t(height), caps.minImageExtent.height, caps.maxImageExtent.height)};
    }
    if (m_extent.width == 0 || m_extent.height == 0) return false;
    uint32_t imageCount = caps.minImageCount + 1;
    if (caps.maxImageCount > 0) imageCount = std::min(imageCount, caps.maxImageCount);

    VkPresentModeKHR presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always available
    if (!m_vsync) {
        vkGetPhysicalDeviceSurfacePresentModesKHR(physical, m_surface, &count, nullptr);
        std::vector<VkPresentModeKHR> modes(count);
        vkGetPhysicalDeviceSurfacePresentModesKHR(physical, m_surface, &count, modes.data());
        for (auto m : modes)
            if (m == VK_PRESENT_MODE_MAILBOX_KHR || m == VK_PRESENT_MODE_IMMEDIATE_KHR)
                presentMode = m;
    }
    const VkSwapchainKHR old = m_swapchain;
    const VkSwapchainCreateInfoKHR info{
        .sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR,
        .surface = m_surface,
        .minImageCount = imageCount,
        .imageFormat = m_format.format,
        .imageColorSpace = m_format.colorSpace,
        .imageExtent = m_extent,
        .imageArrayLayers = 1,
        .imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
        .imageSharingMode = VK_SHARING_MODE_EXCLUSIVE,
        .preTransform = caps.currentTransform,
        .compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR,
        .presentMode = presentMode,
        .clipped = VK_TRUE,
        .oldSwapchain = old};
    const VkResult created = vkCreateSwapchainKHR(m_device.handle(), &info, nullptr, &m_swapchain);
    if (created == VK_ERROR_SURFACE_LOST_KHR || created == VK_ERROR_NATIVE_WINDOW_IN_USE_KHR) {
        m_swapchain = old;
        recreateSurface();
        return false;
    }
    PT_VK_CHECK(created);
    destroySwapchain(old);

    vkGetSwapchainImagesKHR(m_device.handle(), m_swapchain, &count, nullptr);
    m_images.resize(count);
    vkGetSwapchainImagesKHR(m_device.handle(), m_swapchain, &count, m_images.data());
    const VkSemaphoreCreateInfo semInfo{.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    for (VkImage image : m_images) {
        const VkImageViewCreateInfo viewInfo{
            .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
            .image = image,
            .viewType = VK_IMAGE_VIEW_TYPE_2D,
            .format = m_format.format,
            .subresourceRange = {
                .aspectMask = VK_IMAGE_ASPECT_COLOR_BIT, .levelCount = 1, .layerCount = 1}};
        VkImageView view;
        PT_VK_CHECK(vkCreateImageView(m_device.handle(), &viewInfo, nullptr, &view));
        VkSemaphore finished;
        PT_VK_CHECK(vkCreateSemaphore(m_device.handle(), &semInfo, nullptr, &finished));
        m_device.setName(VK_OBJECT_TYPE_IMAGE_VIEW, view, "swapchain image view");
        m_device.setName(VK_OBJECT_TYPE_SEMAPHORE, finished, "swapchain render finished");
        m_views.push_back(view);
        m_renderFinished.push_back(finished);
    }
    m_needsRebuild = false;
    m_rebuilds++;
    log::debug("swapchain ", m_extent.width, "x", m_extent.height, ", ", count, " images");
    return true;
}

void SwapchainTarget::recreateSurface() {
    m_device.waitIdle();
    destroySwapchain(m_swapchain);
    m_swapchain = VK_NULL_HANDLE;
    vkDestroySurfaceKHR(m_device.instance(), m_surface, nullptr);
    m_surface = VK_NULL_HANDLE;
    auto surface = createWindowSurface(m_device.instance(), m_window);
    if (!surface) {  // tried again on the next acquire
        log::warn("window surface lost and not yet recreated: ", surface.error().message);
        return;
    }
    m_surface = *surface;
    m_needsRebuild = true;
    m_surfaceRecreations++;
    log::info("window surface recreated (", m_surfaceRecreations, ")");
}

bool SwapchainTarget::acquire(gfx::FrameData& frame) {
    if (m_surface == VK_NULL_HANDLE) recreateSurface();
    if (m_surface == VK_NULL_HANDLE) return false;
    if (m_needsRebuild && !rebuild()) return false;
    const VkResult r = vkAcquireNextImageKHR(m_device.handle(), m_swapchain, UINT64_MAX,
                                             m_acquired[frame.slot], VK_NULL_HANDLE, &m_imageIndex);
    if (r == VK_ERROR_SURFACE_LOST_KHR) {
        // The acquire semaphore was not signalled; the swapchain goes with the surface.
        recreateSurface();
        return false;
    }
    if (r == VK_ERROR_OUT_OF_DATE_KHR) {
        m_needsRebuild = true;
        return false;
    }
    if (r == VK_SUBOPTIMAL_KHR) {
        m_needsRebuild = true;  // still usable this frame; rebuild before the next
    } else if (r != VK_SUCCESS) {
        PT_VK_CHECK(r);
    }
    return true;
}

TargetImage SwapchainTarget::image() const {
    return {m_images[m_imageIndex], m_views[m_imageIndex], m_format.format, m_extent};
}

gfx::SubmitSync SwapchainTarget::finish(gfx::FrameData& frame) {
    const VkImage image = m_images[m_imageIndex];
    if (m_captureRequested) {
        recordCapture(frame.cmd, image);
        m_captureRequested = false;
        m_captureRecorded = true;
    } else {
        gfx::imageBarrier(frame.cmd, image, VK_IMAGE_ASPECT_COLOR_BIT,
                          VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                          VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                          VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_NONE, 0);
    }
    return {.wait = m_acquired[frame.slot],
            .waitStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
            .signal = m_renderFinished[m_imageIndex]};
}

void SwapchainTarget::present(gfx::FrameData&) {
    const VkPresentInfoKHR info{.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR,
                                .waitSemaphoreCount = 1,
                                .pWaitSemaphores = &m_renderFinished[m_imageIndex],
                                .swapchainCount = 1,
                                .pSwapchains = &m_swapchain,
                                .pImageIndices = &m_imageIndex};
    const VkResult r = vkQueuePresentKHR(m_device.queue(), &info);
    if (r == VK_ERROR_SURFACE_LOST_KHR) {
        recreateSurface();
        return;
    }
    if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) {
        m_needsRebuild = true;
    } else if (r != VK_SUCCESS) {
        PT_VK_CHECK(r);
    }
    int width = 0, height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    if (uint32_t(width) != m_extent.width || uint32_t(height) != m_extent.height)
        m_needsRebuild = true;
}

}  // namespace pt::render

namespace pt::render {

void SwapchainTarget::recordCapture(VkCommandBuffer cmd, VkImage image) {
    const VkDeviceSize bytes = VkDeviceSize(m_extent.width) * m_extent.height * 4;
    if (!m_capture || m_capture.size() != bytes)
        m_capture = gfx::Buffer::create(m_device, {.size = bytes,
                                                   .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                                   .memory = gfx::MemoryUsage::Readback,
                                                   .name = "swapchain capture"});
    m_captureExtent = m_extent;
    gfx::imageBarrier(
        cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
        VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
        VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
        VK_ACCESS_2_TRANSFER_READ_BIT);
    gfx::copyImageToHost(cmd, image, {0, 0}, m_extent, m_capture.handle());
    gfx::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                      VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_2_COPY_BIT,
                      VK_ACCESS_2_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_2_NONE, 0);
}

RgbaImage SwapchainTarget::takeCapture(gfx::FrameRing& ring, const gfx::FrameData& frame) {
    RgbaImage out;
    if (!m_captureRecorded) return out;
    ring.wait(frame);
    m_capture.invalidate();
    m_captureRecorded = false;
    out.width = m_captureExtent.width;
    out.height = m_captureExtent.height;
    out.pixels.resize(size_t(out.width) * out.height * 4);
    std::memcpy(out.pixels.data(), m_capture.mapped().data(), out.pixels.size());
    const bool bgra =
        m_format.format == VK_FORMAT_B8G8R8A8_SRGB || m_format.format == VK_FORMAT_B8G8R8A8_UNORM;
    for (size_t p = 0; p < out.pixels.size(); p += 4) {
        if (bgra) std::swap(out.pixels[p], out.pixels[p + 2]);
        out.pixels[p + 3] = 255;  // the window is opaque
    }
    return out;
}

}  // namespace pt::render
