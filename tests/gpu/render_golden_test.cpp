#include <catch2/catch.hpp>
#include <set>

#include "gpu_fixture.h"
#include "render/offscreen_target.h"
#include "render/renderer.h"
#include "render/test_scene.h"

using namespace pt;

namespace {

RgbaImage renderTestScene(test::GpuFixture& gpu, VkExtent2D size, VkSampleCountFlagBits samples) {
    render::GpuScene scene(gpu.device());
    render::buildTestScene(scene);
    render::OffscreenTarget target(gpu.device(), size);
    render::Renderer renderer(gpu.device(), {.samples = samples});
    gfx::FrameData& frame = gpu.ctx().frames->beginFrame();
    REQUIRE(target.acquire(frame));
    renderer.render(frame, scene, render::RenderView{.camera = render::testSceneCamera()},
                    target.image());
    gpu.ctx().frames->submit(frame, target.finish(frame));
    return target.readback(*gpu.ctx().frames, frame);
}

}  // namespace

TEST_CASE("The test scene renders like its golden (4x MSAA)", "[gpu][golden]") {
    test::GpuFixture gpu;
    const RgbaImage image = renderTestScene(gpu, {256, 256}, VK_SAMPLE_COUNT_4_BIT);
    test::checkGolden("test_scene_msaa4", image);
}

TEST_CASE("MSAA smooths edges: 4x has intermediate tones that 1x lacks", "[gpu]") {
    test::GpuFixture gpu;
    const RgbaImage one = renderTestScene(gpu, {128, 128}, VK_SAMPLE_COUNT_1_BIT);
    const RgbaImage four = renderTestScene(gpu, {128, 128}, VK_SAMPLE_COUNT_4_BIT);
    // Count distinct colours: resolving 4 samples creates blends along every silhouette.
    auto distinct = [](const RgbaImage& img) {
        std::set<uint32_t> colours;
        for (size_t p = 0; p < img.pixels.size(); p += 4)
            colours.insert(uint32_t(img.pixels[p]) << 16 | uint32_t(img.pixels[p + 1]) << 8 |
                           img.pixels[p + 2]);
        return colours.size();
    };
    CHECK(distinct(four) > distinct(one) + 50);
    const ImageDiff diff = compareImages(one, four, 0);
    CHECK(diff.pixelsOverTolerance > 0);
}

TEST_CASE("Rendering the same frame twice gives identical pixels", "[gpu]") {
    test::GpuFixture gpu;
    const RgbaImage a = renderTestScene(gpu, {96, 64}, VK_SAMPLE_COUNT_4_BIT);
    const RgbaImage b = renderTestScene(gpu, {96, 64}, VK_SAMPLE_COUNT_4_BIT);
    CHECK(compareImages(a, b, 0).pixelsOverTolerance == 0);
    CHECK(a.width == 96);
    CHECK(a.height == 64);
}
