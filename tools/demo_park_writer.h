#pragma once
// Writes the demo park to a folder: manifest.json plus models/<park>_<building>.glb and
// models/<park>_site.glb. Deterministic: the same seed gives the same bytes in every file.
#include <cstdint>
#include <filesystem>

#include "core/result.h"

namespace pt::tools {

struct DemoParkStats {
    std::size_t glbFiles = 0;
    std::size_t triangles = 0;  // over all GLBs
};

Result<DemoParkStats> writeDemoPark(std::uint64_t seed, const std::filesystem::path& outDir);

}  // namespace pt::tools
