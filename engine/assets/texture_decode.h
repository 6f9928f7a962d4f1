#pragma once
// Internal to pt_assets: image decoding with stb_image into RGBA8 (first row at the top).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

#include "assets/imported_model.h"
#include "core/result.h"

namespace pt::assets {

// Largest width/height accepted: the 2D image limit of the weakest device we target (lavapipe).
inline constexpr int kMaxTextureDimension = 16384;

// Decodes PNG/JPEG/TGA/BMP/... bytes; `label` names the image in errors.
Result<Texture> decodeImage(std::span<const std::byte> bytes, std::string_view label);
Result<Texture> decodeImageFile(const std::filesystem::path& path);

}  // namespace pt::assets
