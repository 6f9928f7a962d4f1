#include "assets/texture_decode.h"

#include <cstring>

#include "core/file_io.h"

// The only translation unit that compiles stb_image. Only the formats models use are enabled.
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_HDR
#define STBI_NO_PIC
#define STBI_NO_PNM
#define STBI_NO_GIF
#define STBI_NO_PSD
#include <stb_image.h>

namespace pt::assets {

Result<Texture> decodeImage(std::span<const std::byte> bytes, std::string_view label) {
    if (bytes.empty() || bytes.size() > size_t(std::numeric_limits<int>::max())) {
        return makeError(label, ": image is empty or too large (", bytes.size(), " bytes)");
    }
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int size = int(bytes.size());
    int w = 0, h = 0, channels = 0;
    // Check the header first so that a hostile header cannot make us allocate gigabytes.
    if (!stbi_info_from_memory(data, size, &w, &h, &channels)) {
        return makeError(label, ": cannot decode image (", stbi_failure_reason(), ")");
    }
    if (w <= 0 || h <= 0 || w > kMaxTextureDimension || h > kMaxTextureDimension) {
        return makeError(label, ": image size ", w, "x", h, " outside 1..", kMaxTextureDimension);
    }
    stbi_uc* pixels = stbi_load_from_memory(data, size, &w, &h, &channels, 4);
    if (pixels == nullptr) {
        return makeError(label, ": cannot decode image (", stbi_failure_reason(), ")");
    }
    Texture texture;
    texture.width = uint32_t(w);
    texture.height = uint32_t(h);
    texture.pixels.resize(size_t(w) * size_t(h) * 4);
    std::memcpy(texture.pixels.data(), pixels, texture.pixels.size());
    stbi_image_free(pixels);
    return texture;
}

Result<Texture> decodeImageFile(const std::filesystem::path& path) {
    Result<std::vector<std::byte>> bytes = readBinaryFile(path);
    if (!bytes) return bytes.error();
    return decodeImage(*bytes, path.filename().string());
}

}  // namespace pt::assets
