#pragma once
// Internal to pt_assets: aiMaterial -> Material, with the textures they use decoded once each.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "assets/imported_model.h"

struct aiScene;

namespace pt::assets {

struct MaterialImport {
    std::vector<Material> materials;
    std::vector<Texture> textures;
};

// Converts every material of `scene`. External images are looked up relative to `modelDir`;
// embedded ones ("*N" or by name) come from scene.mTextures. An image that is missing or does not
// decode leaves its slot at kNone and adds a warning naming it: the model still loads.
MaterialImport convertMaterials(const aiScene& scene, const std::filesystem::path& modelDir,
                                std::string_view fileLabel, bool decodeTextures,
                                std::vector<std::string>& warnings);

}  // namespace pt::assets
