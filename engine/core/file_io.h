#pragma once
// Whole-file reading and writing with errors that name the file and the reason.
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace pt {

Result<std::string> readTextFile(const std::filesystem::path& path);
Result<std::vector<std::byte>> readBinaryFile(const std::filesystem::path& path);
// Writes to a temporary file beside `path`, then renames it, so readers never see half a file.
Result<void> writeFileAtomic(const std::filesystem::path& path, std::span<const std::byte> bytes);
Result<void> writeFileAtomic(const std::filesystem::path& path, std::string_view text);

}  // namespace pt
