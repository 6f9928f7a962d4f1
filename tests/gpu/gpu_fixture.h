#pragma once
// A headless Vulkan context with validation on, for GPU tests. Every test that uses it ends by
// checking that the validation layer reported no error.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "core/image_io.h"
#include "render/render_context.h"

namespace pt::test {

class GpuFixture {
public:
    GpuFixture();
    ~GpuFixture();
    render::RenderContext& ctx() { return *m_ctx; }
    gfx::Device& device() { return *m_ctx->device; }
    uint32_t validationErrors() const { return m_ctx->instance.validation().errors.load(); }

private:
    std::unique_ptr<render::RenderContext> m_ctx;
};

// Compares `actual` with tests/golden/<name>.png: a pixel differs when a channel is off by more
// than `tolerance`; at most `maxDifferentFraction` of the pixels may differ. On failure writes
// <build>/test-output/<name>.actual.png and .diff.png (accept with scripts/accept-goldens).
void checkGolden(const std::string& name, const RgbaImage& actual, uint32_t tolerance = 5,
                 double maxDifferentFraction = 0.001);

}  // namespace pt::test
