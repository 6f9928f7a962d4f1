#include "core/image_io.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/file_io.h"

// stb is compiled here with static linkage so another module may compile its own copy.
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb/stb_image.h>
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace pt {
namespace {

void appendBytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(context);
    const auto* bytes = static_cast<const uint8_t*>(data);
    out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

Result<std::vector<uint8_t>> encodePng(const RgbaImage& image) {
    if (image.width == 0 || image.height == 0 ||
        image.pixels.size() != size_t(image.width) * image.height * 4)
        return makeError("cannot encode an empty or inconsistent image as PNG");
    std::vector<uint8_t> png;
    if (!stbi_write_png_to_func(appendBytes, &png, int(image.width), int(image.height), 4,
                                image.pixels.data(), int(image.width * 4)))
        return makeError("PNG encoding failed");
    return png;
}

Result<void> writePng(const std::filesystem::path& path, const RgbaImage& image) {
    auto png = encodePng(image);
    if (!png) return makeError(path.string(), ": ", png.error().message);
    return writeFileAtomic(path, std::as_bytes(std::span(png->data(), png->size())));
}

Result<RgbaImage> readPng(const std::filesystem::path& path) {
    auto bytes = readBinaryFile(path);
    if (!bytes) return bytes.error();
    int w = 0, h = 0, channels = 0;
    stbi_uc* data = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes->data()),
                                          int(bytes->size()), &w, &h, &channels, 4);
    if (!data)
        return makeError(path.string(), ": not a readable PNG (", stbi_failure_reason(), ")");
    RgbaImage image{uint32_t(w), uint32_t(h), {}};
    image.pixels.assign(data, data + size_t(w) * h * 4);
    stbi_image_free(data);
    return image;
}

ImageDiff compareImages(const RgbaImage& actual, const RgbaImage& expected, uint32_t tolerance) {
    ImageDiff diff;
    diff.sizeMatches = actual.width == expected.width && actual.height == expected.height;
    if (!diff.sizeMatches) return diff;
    diff.pixelCount = uint64_t(actual.width) * actual.height;
    diff.visual = {actual.width, actual.height, std::vector<uint8_t>(actual.pixels.size())};
    for (size_t p = 0; p < diff.pixelCount; ++p) {
        uint32_t worst = 0;
        for (size_t c = 0; c < 4; ++c)
            worst = std::max<uint32_t>(worst, uint32_t(std::abs(int(actual.pixels[p * 4 + c]) -
                                                                int(expected.pixels[p * 4 + c]))));
        diff.maxChannelDelta = std::max(diff.maxChannelDelta, worst);
        uint8_t* out = &diff.visual.pixels[p * 4];
        if (worst > tolerance) {
            diff.pixelsOverTolerance++;
            out[0] = 255, out[1] = 0, out[2] = 0;
        } else {
            const uint8_t grey = uint8_t(actual.pixels[p * 4 + 1] / 4);
            out[0] = out[1] = out[2] = grey;
        }
        out[3] = 255;
    }
    return diff;
}

}  // namespace pt
