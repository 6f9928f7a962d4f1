// Video-wall tiles and tiled screenshots through the real `parktwin render`: tiles rendered as
// separate processes with off-axis cameras must stitch into the picture one large render gives
// (the golden full frame), and with bezels each tile must show its part of the wider virtual
// display, shifted past the hidden pixels.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>

#include "core/image_io.h"
#include "gpu_fixture.h"
#include "run_command.h"
#include "test_paths.h"

namespace {

constexpr uint32_t kTolerance = 5;               // the golden tolerance (per channel, of 255)
constexpr double kMaxDifferentFraction = 0.001;  // and at most 0.1 % of pixels over it

pt::RgbaImage render(const std::filesystem::path& dir, const std::string& name,
                     const std::string& args) {
    const auto out = dir / (name + ".png");
    const std::string command = "render --data none --validate " + args + " --out " + out.string();
    const pt::test::CommandRun r = pt::test::runParktwin(command);
    INFO(command << "\n" << r.output);
    REQUIRE(r.exitCode == 0);
    CHECK(r.output.find("validation errors: 0") != std::string::npos);
    auto image = pt::readPng(out);
    REQUIRE(image.ok());
    return std::move(*image);
}

pt::RgbaImage crop(const pt::RgbaImage& image, uint32_t x, uint32_t y, uint32_t w, uint32_t h) {
    pt::RgbaImage out{.width = w, .height = h};
    out.pixels.resize(size_t(w) * h * 4);
    for (uint32_t row = 0; row < h; ++row)
        std::memcpy(&out.pixels[size_t(row) * w * 4], image.at(x, y + row), size_t(w) * 4);
    return out;
}

void paste(pt::RgbaImage& into, const pt::RgbaImage& tile, uint32_t x, uint32_t y) {
    REQUIRE(x + tile.width <= into.width);
    REQUIRE(y + tile.height <= into.height);
    for (uint32_t row = 0; row < tile.height; ++row)
        std::memcpy(&into.pixels[(size_t(y + row) * into.width + x) * 4], tile.at(0, row),
                    size_t(tile.width) * 4);
}

bool matches(const pt::RgbaImage& actual, const pt::RgbaImage& expected) {
    const pt::ImageDiff d = pt::compareImages(actual, expected, kTolerance);
    UNSCOPED_INFO("size matches " << d.sizeMatches << ", " << d.pixelsOverTolerance << " of "
                                  << d.pixelCount << " pixels over " << kTolerance << ", max delta "
                                  << d.maxChannelDelta);
    return d.sizeMatches && double(d.pixelsOverTolerance) <=
                                kMaxDifferentFraction * double(std::max<uint64_t>(d.pixelCount, 1));
}

// Renders the 2x2 wall's four tiles (each `tileW`x`tileH`) and pastes them into one picture.
pt::RgbaImage stitchedWall(const std::filesystem::path& dir, uint32_t tileW, uint32_t tileH,
                           const std::string& extra) {
    pt::RgbaImage stitched{.width = 2 * tileW, .height = 2 * tileH};
    stitched.pixels.assign(size_t(stitched.width) * stitched.height * 4, 0);
    for (uint32_t r = 0; r < 2; ++r)
        for (uint32_t c = 0; c < 2; ++c) {
            const std::string tile = std::to_string(c) + "," + std::to_string(r);
            const pt::RgbaImage image =
                render(dir, "tile_" + std::to_string(c) + std::to_string(r),
                       "--size " + std::to_string(tileW) + "x" + std::to_string(tileH) +
                           " --wall 2x2 --tile " + tile + " " + extra);
            REQUIRE(image.width == tileW);
            REQUIRE(image.height == tileH);
            paste(stitched, image, c * tileW, r * tileH);
        }
    return stitched;
}

}  // namespace

TEST_CASE("2x2 wall tiles rendered separately stitch into the golden full frame",
          "[gpu][wall][golden]") {
    const auto dir = pt::test::scratchDir("wall_stitch_golden");
    // view_park.png is `parktwin render --size 256x192 --data none` (render_modes_golden_test).
    const pt::RgbaImage stitched = stitchedWall(dir, 128, 96, "");
    REQUIRE(pt::writePng(dir / "stitched.png", stitched).ok());
    // First against the full frame of this run (a stitching error), then against the golden.
    CHECK(matches(stitched, render(dir, "full", "--size 256x192")));
    pt::test::checkGolden("view_park", stitched, kTolerance, kMaxDifferentFraction);
}

TEST_CASE("Wall tiles stitch seamlessly with a selection outline, ghosted floors and night",
          "[gpu][wall]") {
    const auto dir = pt::test::scratchDir("wall_stitch_ghost");
    // The outline, the x-ray ghosts, lit windows and the ground grid all cross the tile seams.
    const std::string view =
        "--select gm/A3/F8 --floor-mode ghost --view building "
        "--time-of-day 19:30";
    const pt::RgbaImage full = render(dir, "full", "--size 320x240 " + view);
    const pt::RgbaImage stitched = stitchedWall(dir, 160, 120, view);
    REQUIRE(pt::writePng(dir / "stitched.png", stitched).ok());
    CHECK(matches(stitched, full));
}

TEST_CASE("A tiled screenshot looks like the single render of the same size",
          "[gpu][wall][export]") {
    const auto dir = pt::test::scratchDir("wall_tiled_screenshot");
    const pt::RgbaImage single = render(dir, "single", "--size 301x167 --tiles 1");
    // 3x3 tiles of 100 or 101 by 55 or 56 pixels: uneven tiles must line up too.
    const pt::RgbaImage tiled = render(dir, "tiled", "--size 301x167 --tiles 3");
    REQUIRE(tiled.width == 301);
    REQUIRE(tiled.height == 167);
    CHECK(matches(tiled, single));
}

TEST_CASE("With bezels each tile shows its part of the wider virtual display",
          "[gpu][wall][bezel]") {
    const auto dir = pt::test::scratchDir("wall_bezel");
    // Two 128x192 tiles with 16 hidden pixels between them: a 272x192 virtual display.
    const pt::RgbaImage full = render(dir, "virtual", "--size 272x192");
    const pt::RgbaImage left = render(dir, "left",
                                      "--size 128x192 --wall 2x1 --bezel 16 "
                                      "--tile 0,0");
    const pt::RgbaImage right = render(dir, "right",
                                       "--size 128x192 --wall 2x1 --bezel 16 "
                                       "--tile 1,0");
    CHECK(matches(left, crop(full, 0, 0, 128, 192)));
    CHECK(matches(right, crop(full, 144, 0, 128, 192)));
    // The offset matters: where the tile would start without the bezel is a different picture.
    CHECK_FALSE(matches(right, crop(full, 128, 0, 128, 192)));
}
