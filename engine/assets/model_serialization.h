#pragma once
// A compact binary form of ImportedModel, used to carry a model from the isolated importer
// process back to the app. Not a file format: no compatibility promise between builds.
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "assets/imported_model.h"
#include "core/result.h"

namespace pt::assets {

std::vector<std::byte> serializeModel(const ImportedModel& model);

// Reads bytes produced by serializeModel. The bytes are untrusted (they come from a process that
// may have been corrupted by a hostile file): every count is checked against the bytes left and
// every cross-reference against the array it points into. `label` names the model in errors.
Result<ImportedModel> deserializeModel(std::span<const std::byte> bytes, std::string_view label);

// The cross-reference checks on their own: vertex arrays of equal length, indices in range,
// material/texture/node references valid, pixel arrays matching their size.
Result<void> validateModel(const ImportedModel& model, std::string_view label);

}  // namespace pt::assets
