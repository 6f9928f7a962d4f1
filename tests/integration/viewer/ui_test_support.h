#pragma once
// Helpers for the UI screenshot and label-layout tests: run the real parktwin under the test's
// X server, and measure regions of its screenshots.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/image_io.h"
#include "run_command.h"
#include "test_paths.h"

namespace pt::test {

// Windowed runs need an X server (scripts/test runs the tests under xvfb-run).
inline void requireDisplayOrSkip() {
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "SKIPPED: no DISPLAY (scripts/test runs the tests under xvfb-run)\n");
        std::exit(kSkipExitCode);
    }
}

struct Rect {
    uint32_t x0, y0, x1, y1;
};

inline double luminance(const uint8_t* p) {
    return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
}

inline double meanLuminance(const RgbaImage& img, Rect r) {
    double sum = 0;
    for (uint32_t y = r.y0; y < r.y1; ++y)
        for (uint32_t x = r.x0; x < r.x1; ++x)
            sum += luminance(img.at(x, y));
    return sum / double((r.x1 - r.x0) * (r.y1 - r.y0));
}

// Fraction of the region's pixels bright enough to be text on a dark panel.
inline double textFraction(const RgbaImage& img, Rect r) {
    uint64_t bright = 0;
    for (uint32_t y = r.y0; y < r.y1; ++y)
        for (uint32_t x = r.x0; x < r.x1; ++x)
            bright += luminance(img.at(x, y)) > 140 ? 1 : 0;
    return double(bright) / double((r.x1 - r.x0) * (r.y1 - r.y0));
}

// Pixels of the region whose luminance differs by more than 40 between two images.
inline uint64_t differingPixels(const RgbaImage& a, const RgbaImage& b, Rect r) {
    uint64_t n = 0;
    for (uint32_t y = r.y0; y < r.y1; ++y)
        for (uint32_t x = r.x0; x < r.x1; ++x)
            n += std::abs(luminance(a.at(x, y)) - luminance(b.at(x, y))) > 40 ? 1 : 0;
    return n;
}

}  // namespace pt::test
