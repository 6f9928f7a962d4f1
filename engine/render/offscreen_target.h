#pragma once
// A headless target: an sRGB colour image plus a host-visible buffer it is copied into at the
// end of each frame, so readback() returns exactly what a window would show.
#include "core/image_io.h"
#include "gfx/buffer.h"
#include "gfx/image.h"
#include "render/render_target.h"

namespace pt::gfx {
class Device;
class FrameRing;
}  // namespace pt::gfx

namespace pt::render {

class OffscreenTarget final : public RenderTarget {
public:
    OffscreenTarget(gfx::Device& device, VkExtent2D extent);

    bool acquire(gfx::FrameData& frame) override;
    TargetImage image() const override;
    gfx::SubmitSync finish(gfx::FrameData& frame) override;
    void present(gfx::FrameData&) override {}

    // Waits for `frame` (submitted with this target) and returns its pixels.
    RgbaImage readback(gfx::FrameRing& ring, const gfx::FrameData& frame);

private:
    gfx::Device& m_device;
    gfx::Image m_color;
    gfx::Buffer m_readback;
};

}  // namespace pt::render
