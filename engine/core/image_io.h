#pragma once
// RGBA8 images on the CPU: PNG reading/writing (screenshots, goldens) and comparison.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace pt {

struct RgbaImage {
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> pixels;  // row-major, top row first, 4 bytes per pixel

    const uint8_t* at(uint32_t x, uint32_t y) const { return &pixels[(size_t(y) * width + x) * 4]; }
};

Result<void> writePng(const std::filesystem::path& path, const RgbaImage& image);
Result<RgbaImage> readPng(const std::filesystem::path& path);
Result<std::vector<uint8_t>> encodePng(const RgbaImage& image);

struct ImageDiff {
    bool sizeMatches = false;
    uint32_t maxChannelDelta = 0;
    uint64_t pixelsOverTolerance = 0;
    uint64_t pixelCount = 0;
    RgbaImage visual;  // red where over tolerance, dimmed grey elsewhere
};

// Compares per channel (RGB and A); a pixel counts as different if any channel differs by
// more than `tolerance`.
ImageDiff compareImages(const RgbaImage& actual, const RgbaImage& expected, uint32_t tolerance);

}  // namespace pt
