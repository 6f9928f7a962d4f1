#pragma once
// The park manifest: a JSON file that describes a portfolio of parks, their buildings (with model
// files and placement), floors, units, zones and devices. Format: docs/manifest.md.
//
// Loading validates everything and reports ALL problems at once, one per line, each naming the
// file and the JSON path (or line:column for syntax errors) and what is wrong, e.g.
//   demo.json: parks[0].buildings[2].floors[3].height: must be > 0, got -4
// Saving writes the same schema, so the generator and hand-written manifests share one reader.
// Free functions, callable from any thread.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "park/park_model.h"

namespace pt::park {

inline constexpr std::string_view kManifestFormat = "parktwin-manifest";
inline constexpr int kManifestVersion = 1;

// Reads `path`; model paths in the result stay relative to the manifest's folder
// (see resolveModelPath).
Result<Portfolio> loadManifest(const std::filesystem::path& path);
// Parses manifest text; `displayName` (e.g. "demo.json") starts every error line.
Result<Portfolio> parseManifest(std::string_view text, std::string_view displayName);

// Error lines of a failed load (the message holds one problem per line).
std::vector<std::string> errorLines(const Error& error);

// The manifest JSON text for `portfolio` (UTF-8, two-space indent, lengths rounded to mm).
std::string manifestToJson(const Portfolio& portfolio);
Result<void> saveManifest(const Portfolio& portfolio, const std::filesystem::path& path);

// A model path from the manifest, made absolute against the manifest's folder.
std::filesystem::path resolveModelPath(const std::filesystem::path& manifestPath,
                                       const std::string& model);

}  // namespace pt::park
