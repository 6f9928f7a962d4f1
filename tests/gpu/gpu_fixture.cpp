#include "gpu_fixture.h"

#include <cstdlib>

#include "test_paths.h"

namespace pt::test {

GpuFixture::GpuFixture() {
    auto ctx = render::RenderContext::create({.validation = true});
    if (!ctx) FAIL("cannot create a Vulkan context: " << ctx.error().message);
    m_ctx = std::move(*ctx);
}

GpuFixture::~GpuFixture() {
    if (!m_ctx) return;
    m_ctx->device->waitIdle();
    CHECK(validationErrors() == 0);
}

void checkGolden(const std::string& name, const RgbaImage& actual, uint32_t tolerance,
                 double maxDifferentFraction) {
    const auto golden = sourceDir() / "tests" / "golden" / (name + ".png");
    const auto outDir = std::filesystem::path(PT_TEST_BINARY_DIR) / "test-output";
    std::filesystem::create_directories(outDir);
    const auto actualPath = outDir / (name + ".actual.png");
    REQUIRE(writePng(actualPath, actual).ok());
    auto expected = readPng(golden);
    if (!expected) {
        FAIL("no golden " << golden.string() << ": look at " << actualPath.string()
                          << " and accept it with scripts/accept-goldens " << name);
    }
    const ImageDiff diff = compareImages(actual, *expected, tolerance);
    REQUIRE(diff.sizeMatches);
    const double fraction = double(diff.pixelsOverTolerance) / double(diff.pixelCount);
    if (fraction > maxDifferentFraction) {
        const auto diffPath = outDir / (name + ".diff.png");
        (void)writePng(diffPath, diff.visual);
        FAIL(name << ": " << diff.pixelsOverTolerance << " of " << diff.pixelCount
                  << " pixels differ by more than " << tolerance << "/255 (max "
                  << diff.maxChannelDelta << "); see " << diffPath.string());
    }
    SUCCEED(name << ": " << diff.pixelsOverTolerance << " pixels over tolerance, max delta "
                 << diff.maxChannelDelta);
}

}  // namespace pt::test
