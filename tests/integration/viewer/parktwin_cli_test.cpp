// Runs the real `parktwin` binary: the command-line contract, headless rendering and the
// windowed viewer under Xvfb (scripts/test provides the X server).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "core/image_io.h"
#include "run_command.h"
#include "test_paths.h"

namespace {

double meanLuminance(const pt::RgbaImage& img, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1) {
    double sum = 0;
    for (uint32_t y = y0; y < y1; ++y)
        for (uint32_t x = x0; x < x1; ++x) {
            const uint8_t* p = img.at(x, y);
            sum += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
        }
    return sum / double((x1 - x0) * (y1 - y0));
}

}  // namespace

TEST_CASE("parktwin --version and --help exit 0", "[cli]") {
    const pt::test::CommandRun version = pt::test::runParktwin("--version");
    CHECK(version.exitCode == 0);
    CHECK(version.output.rfind("parktwin ", 0) == 0);
    const pt::test::CommandRun help = pt::test::runParktwin("--help");
    CHECK(help.exitCode == 0);
    CHECK(help.output.find("parktwin render") != std::string::npos);
}

TEST_CASE("Bad input exits 2 with one clear line", "[cli]") {
    const pt::test::CommandRun r = pt::test::runParktwin("render --size 10x10x --out /tmp/x.png");
    CHECK(r.exitCode == 2);
    CHECK(r.output == "parktwin: --size height: expected a whole number, got '10x'\n");
    const pt::test::CommandRun scene =
        pt::test::runParktwin("render --scene nowhere.json --out /tmp/x.png");
    CHECK(scene.exitCode == 2);
    CHECK(scene.output.find("nowhere.json") != std::string::npos);
    const pt::test::CommandRun unwritable =
        pt::test::runParktwin("render --size 64x64 --out /dev/null/sub/x.png");
    CHECK(unwritable.exitCode == 2);
    CHECK(unwritable.output.find("/dev/null/sub/x.png") != std::string::npos);
}

TEST_CASE("parktwin render writes the PNG headless with zero validation errors", "[render]") {
    const auto dir = pt::test::scratchDir("cli_render");
    const auto out = dir / "shot.png";
    const pt::test::CommandRun r =
        pt::test::runParktwin("render --scene builtin:test --size 200x120 --out " + out.string() +
                              " --camera 120,80,120:0,15,-20 --validate");
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    CHECK(r.output.find("validation errors: 0") != std::string::npos);
    auto image = pt::readPng(out);
    REQUIRE(image.ok());
    CHECK(image->width == 200);
    CHECK(image->height == 120);
    // Sky above, ground below: the picture is not a flat colour.
    CHECK(meanLuminance(*image, 0, 0, 200, 10) > meanLuminance(*image, 0, 110, 200, 120) + 20);
}

TEST_CASE("parktwin render draws the demo park by default and info describes it", "[render]") {
    const auto dir = pt::test::scratchDir("cli_render_demo");
    const auto out = dir / "demo.png";
    const pt::test::CommandRun r =
        pt::test::runParktwin("render --size 240x160 --out " + out.string() + " --validate");
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    CHECK(r.output.find("Demo Portfolio") != std::string::npos);
    CHECK(r.output.find("validation errors: 0") != std::string::npos);
    auto image = pt::readPng(out);
    REQUIRE(image.ok());
    // Buildings, grass and sky: many distinct colours, not an empty frame.
    std::set<uint32_t> colours;
    for (size_t p = 0; p < image->pixels.size(); p += 4)
        colours.insert(uint32_t(image->pixels[p]) << 16 | uint32_t(image->pixels[p + 1]) << 8 |
                       image->pixels[p + 2]);
    CHECK(colours.size() > 500);

    const pt::test::CommandRun info = pt::test::runParktwin("info --json");
    REQUIRE(info.exitCode == 0);
    CHECK(info.output.find("\"triangles\"") != std::string::npos);
    CHECK(info.output.find("\"gm/A1/F1\"") != std::string::npos);
}

TEST_CASE("The windowed viewer runs, resizes, minimises and screenshots under Xvfb", "[window]") {
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "SKIPPED: no DISPLAY (scripts/test runs the tests under xvfb-run)\n");
        std::exit(pt::test::kSkipExitCode);
    }
    const auto dir = pt::test::scratchDir("cli_window");
    const auto shot = dir / "window.png";
    const pt::test::CommandRun r =
        pt::test::runParktwin("--size 800x500 --frames 14 --exercise-window --screenshot " +
                              shot.string() + " --validate");
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    CHECK(r.output.find("validation errors: 0") != std::string::npos);
    // Created at 800x500, resized to 640x360 and then 900x600: at least three swapchains.
    const size_t at = r.output.find("swapchain builds: ");
    REQUIRE(at != std::string::npos);
    CHECK(std::atoi(r.output.c_str() + at + 18) >= 3);
    // Frame 10 drops the window surface on purpose: the viewer makes a new one and goes on.
    CHECK(r.output.find("surface recreations: 1") != std::string::npos);
    auto image = pt::readPng(shot);
    REQUIRE(image.ok());
    CHECK(image->width == 900);
    CHECK(image->height == 600);
    // The ImGui panels (the portfolio tree, top left) are in the screenshot; the sky right of
    // the status overlay (top, x < 640) is light.
    CHECK(meanLuminance(*image, 20, 40, 200, 120) + 40 < meanLuminance(*image, 660, 5, 880, 40));
}
