#include "assets/material_conversion.h"

#include <assimp/GltfMaterial.h>
#include <assimp/material.h>
#include <assimp/scene.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "assets/texture_decode.h"
#include "core/result.h"

namespace pt::assets {
namespace {

// Shared state while converting one scene's materials: textures are deduplicated by source so
// that an atlas used by 50 materials is decoded once.
struct TextureTable {
    const aiScene& scene;
    std::filesystem::path modelDir;
    std::string fileLabel;
    bool decode = true;
    std::vector<std::string>& warnings;
    std::vector<Texture> textures;
    std::unordered_map<std::string, uint32_t> bySource;
};

Result<Texture> decodeEmbedded(const aiTexture& embedded, std::string_view label) {
    if (embedded.mHeight == 0) {  // compressed file bytes (PNG/JPEG), mWidth bytes long
        const auto* bytes = reinterpret_cast<const std::byte*>(embedded.pcData);
        return decodeImage({bytes, embedded.mWidth}, label);
    }
    if (embedded.mWidth > uint32_t(kMaxTextureDimension) ||
        embedded.mHeight > uint32_t(kMaxTextureDimension)) {
        return makeError(label, ": embedded image too large");
    }
    Texture texture;
    texture.width = embedded.mWidth;
    texture.height = embedded.mHeight;
    texture.pixels.resize(size_t(texture.width) * texture.height * 4);
    for (size_t i = 0; i < size_t(texture.width) * texture.height; ++i) {
        const aiTexel& t = embedded.pcData[i];  // stored BGRA
        uint8_t* p = &texture.pixels[i * 4];
        p[0] = t.r, p[1] = t.g, p[2] = t.b, p[3] = t.a;
    }
    return texture;
}

Result<Texture> loadTexture(TextureTable& table, const std::string& source) {
    const std::string label = strCat(table.fileLabel, ": texture '", source, "'");
    if (const aiTexture* embedded = table.scene.GetEmbeddedTexture(source.c_str())) {
        if (!table.decode) return Texture{};
        return decodeEmbedded(*embedded, label);
    }
    if (!source.empty() && source[0] == '*') return makeError(label, ": no such embedded image");
    std::string relative = source;
    std::replace(relative.begin(), relative.end(), '\\', '/');
    std::filesystem::path file = table.modelDir / relative;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        // Exporters often write absolute paths of the author's machine ("D:\\work\\wall.jpg");
        // the image usually travels beside the model.
        const std::filesystem::path besideModel =
            table.modelDir / std::filesystem::path(relative).filename();
        if (std::filesystem::is_regular_file(besideModel, ec)) file = besideModel;
    }
    if (!std::filesystem::is_regular_file(file, ec)) {
        return makeError(label, ": file not found (looked for ", file.string(), ")");
    }
    if (!table.decode) return Texture{};
    Result<Texture> texture = decodeImageFile(file);
    if (!texture) return makeError(label, ": ", texture.error().message);
    return texture;
}

// Returns the texture index for the first texture of `type`, or kNone.
uint32_t textureSlot(TextureTable& table, const aiMaterial& material, aiTextureType type,
                     bool srgb) {
    aiString path;
    if (material.GetTextureCount(type) == 0 ||
        material.GetTexture(type, 0, &path) != aiReturn_SUCCESS || path.length == 0) {
        return kNone;
    }
    const std::string source = path.C_Str();
    if (auto it = table.bySource.find(source); it != table.bySource.end()) return it->second;
    Result<Texture> texture = loadTexture(table, source);
    uint32_t index = kNone;
    if (texture) {
        texture->source = source;
        texture->srgb = srgb;
        index = uint32_t(table.textures.size());
        table.textures.push_back(std::move(*texture));
    } else {
        table.warnings.push_back(texture.error().message);
    }
    table.bySource.emplace(source, index);  // a failure is reported once, not per material
    return index;
}

uint32_t firstSlot(TextureTable& table, const aiMaterial& m,
                   std::initializer_list<aiTextureType> types, bool srgb) {
    for (aiTextureType type : types) {
        if (uint32_t slot = textureSlot(table, m, type, srgb); slot != kNone) return slot;
    }
    return kNone;
}

float clamp01(float v) {
    return std::isfinite(v) ? std::clamp(v, 0.0f, 1.0f) : 0.0f;
}

void readFactors(const aiMaterial& m, Material& out) {
    aiColor4D color;
    if (m.Get(AI_MATKEY_BASE_COLOR, color) == aiReturn_SUCCESS ||
        m.Get(AI_MATKEY_COLOR_DIFFUSE, color) == aiReturn_SUCCESS) {
        out.baseColorFactor = {clamp01(color.r), clamp01(color.g), clamp01(color.b),
                               clamp01(color.a)};
    }
    float opacity = 1.0f;
    if (m.Get(AI_MATKEY_OPACITY, opacity) == aiReturn_SUCCESS && opacity < 1.0f) {
        out.baseColorFactor.a *= clamp01(opacity);
    }
    float metallic = 0.0f, roughness = 1.0f, shininess = 0.0f;
    if (m.Get(AI_MATKEY_METALLIC_FACTOR, metallic) == aiReturn_SUCCESS) {
        out.metallic = clamp01(metallic);
    }
    if (m.Get(AI_MATKEY_ROUGHNESS_FACTOR, roughness) == aiReturn_SUCCESS) {
        out.roughness = clamp01(roughness);
    } else if (m.Get(AI_MATKEY_SHININESS, shininess) == aiReturn_SUCCESS && shininess > 0.0f) {
        // Phong exponent -> roughness by the usual Beckmann equivalence, sqrt(2 / (n + 2)).
        out.roughness = clamp01(std::sqrt(2.0f / (shininess + 2.0f)));
    }
    aiColor3D emissive;
    if (m.Get(AI_MATKEY_COLOR_EMISSIVE, emissive) == aiReturn_SUCCESS) {
        float intensity = 1.0f;
        m.Get(AI_MATKEY_EMISSIVE_INTENSITY, intensity);
        const glm::vec3 e = glm::vec3(emissive.r, emissive.g, emissive.b) * intensity;
        const bool finite = std::isfinite(e.x) && std::isfinite(e.y) && std::isfinite(e.z);
        out.emissive = finite ? glm::max(e, glm::vec3(0.0f)) : glm::vec3(0.0f);
    }
}

void readAlphaAndSides(const aiMaterial& m, Material& out) {
    aiString mode;
    if (m.Get(AI_MATKEY_GLTF_ALPHAMODE, mode) == aiReturn_SUCCESS) {
        if (std::strcmp(mode.C_Str(), "MASK") == 0) out.alphaMode = AlphaMode::Mask;
        if (std::strcmp(mode.C_Str(), "BLEND") == 0) out.alphaMode = AlphaMode::Blend;
        float cutoff = 0.5f;
        if (m.Get(AI_MATKEY_GLTF_ALPHACUTOFF, cutoff) == aiReturn_SUCCESS) {
            out.alphaCutoff = clamp01(cutoff);
        }
    } else if (out.baseColorFactor.a < 1.0f) {
        out.alphaMode = AlphaMode::Blend;  // non-glTF formats only say "opacity < 1"
    }
    int twoSided = 0;
    if (m.Get(AI_MATKEY_TWOSIDED, twoSided) == aiReturn_SUCCESS) out.doubleSided = twoSided != 0;
}

}  // namespace

MaterialImport convertMaterials(const aiScene& scene, const std::filesystem::path& modelDir,
                                std::string_view fileLabel, bool decodeTextures,
                                std::vector<std::string>& warnings) {
    TextureTable table{scene, modelDir, std::string(fileLabel), decodeTextures, warnings, {}, {}};
    MaterialImport out;
    for (uint32_t i = 0; i < scene.mNumMaterials; ++i) {
        if (scene.mMaterials == nullptr || scene.mMaterials[i] == nullptr) {
            out.materials.push_back(Material{.name = strCat("material", i)});
            continue;
        }
        const aiMaterial& m = *scene.mMaterials[i];
        Material material;
        aiString name;
        if (m.Get(AI_MATKEY_NAME, name) == aiReturn_SUCCESS) material.name = name.C_Str();
        readFactors(m, material);
        readAlphaAndSides(m, material);
        material.baseColorTexture =
            firstSlot(table, m, {aiTextureType_BASE_COLOR, aiTextureType_DIFFUSE}, true);
        // glTF's metallicRoughness image arrives as UNKNOWN in Assimp 5.2.
        material.metallicRoughnessTexture =
            firstSlot(table, m, {aiTextureType_UNKNOWN, aiTextureType_METALNESS}, false);
        material.normalTexture =
            firstSlot(table, m, {aiTextureType_NORMALS, aiTextureType_NORMAL_CAMERA}, false);
        material.emissiveTexture =
            firstSlot(table, m, {aiTextureType_EMISSIVE, aiTextureType_EMISSION_COLOR}, true);
        // glTF occlusion arrives as LIGHTMAP.
        material.occlusionTexture =
            firstSlot(table, m, {aiTextureType_LIGHTMAP, aiTextureType_AMBIENT_OCCLUSION}, false);
        out.materials.push_back(std::move(material));
    }
    out.textures = std::move(table.textures);
    return out;
}

}  // namespace pt::assets
