#pragma once
// Internal to pt_assets: the aiNode tree -> ImportedModel::nodes, world transforms, bounds, and
// the normalisation to Y-up metres.
#include <string_view>
#include <vector>

#include "assets/imported_model.h"
#include "core/result.h"

struct aiScene;

namespace pt::assets {

// Flattens the node tree (root = node 0, parents before children) without recursion, so a deep
// or cyclic graph cannot overflow the stack: a node reached twice is an error. `meshRemap` maps
// Assimp mesh indices to model.meshes (kNone for dropped meshes).
Result<void> buildNodes(const aiScene& scene, const std::vector<uint32_t>& meshRemap,
                        std::string_view fileLabel, ImportedModel& model);

// Cameras that belong to a node of the model; others are skipped with a warning.
void convertCameras(const aiScene& scene, std::string_view fileLabel, ImportedModel& model);

// Pre-multiplies the root's local transform by `normalisation`, then recomputes every world
// transform, per-node world bounds, model bounds and triangle count.
void applyRootTransform(ImportedModel& model, const glm::mat4& normalisation);

// Moves each axis whose bounds centre lies farther than `threshold` metres from the origin back
// to it and records the shift in model.rebaseOffset.
void rebaseFarCoordinates(ImportedModel& model, double threshold);

}  // namespace pt::assets
