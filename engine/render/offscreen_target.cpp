#include "render/offscreen_target.h"

#include <cstring>

#include "gfx/device.h"
#include "gfx/frame_ring.h"

namespace pt::render {

// RGBA8 sRGB: the hardware encodes linear shader output, and the bytes go straight into a PNG.
constexpr VkFormat kOffscreenFormat = VK_FORMAT_R8G8B8A8_SRGB;

OffscreenTarget::OffscreenTarget(gfx::Device& device, VkExtent2D extent) : m_device(device) {
    m_color = gfx::Image::create(
        device, {.extent = extent,
                 .format = kOffscreenFormat,
                 .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                 .name = "offscreen colour"});
    m_readback =
        gfx::Buffer::create(device, {.size = VkDeviceSize(extent.width) * extent.height * 4,
                                     .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                     .memory = gfx::MemoryUsage::Readback,
                                     .name = "offscreen readback"});
}

bool OffscreenTarget::acquire(gfx::FrameData&) {
    return true;
}

TargetImage OffscreenTarget::image() const {
    return {m_color.handle(), m_color.view(), m_color.format(), m_color.extent()};
}

gfx::SubmitSync OffscreenTarget::finish(gfx::FrameData& frame) {
    gfx::imageBarrier(
        frame.cmd, m_color.handle(), VK_IMAGE_ASPECT_COLOR_BIT,
        VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
        VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
        VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
    gfx::copyImageToHost(frame.cmd, m_color.handle(), {0, 0}, m_color.extent(),
                         m_readback.handle());
    return {};
}

RgbaImage OffscreenTarget::readback(gfx::FrameRing& ring, const gfx::FrameData& frame) {
    ring.wait(frame);
    m_readback.invalidate();
    const VkExtent2D e = m_color.extent();
    RgbaImage out{e.width, e.height, std::vector<uint8_t>(size_t(e.width) * e.height * 4)};
    std::memcpy(out.pixels.data(), m_readback.mapped().data(), out.pixels.size());
    return out;
}

}  // namespace pt::render
