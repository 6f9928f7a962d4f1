#include "assets/model_import.h"

#include <assimp/config.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <assimp/Importer.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

#include "assets/material_conversion.h"
#include "assets/mesh_conversion.h"
#include "assets/scene_graph.h"

namespace pt::assets {
namespace {

enum class Format { Gltf, Ifc, Fbx, Obj, Unsupported };

Format formatOf(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".gltf" || ext == ".glb") return Format::Gltf;
    if (ext == ".ifc") return Format::Ifc;
    if (ext == ".fbx") return Format::Fbx;
    if (ext == ".obj") return Format::Obj;
    return Format::Unsupported;
}

// Post-processing, chosen step by step (Assimp runs them in its own fixed order):
// - ValidateDataStructure: rejects scenes whose internal references are inconsistent before any
//   other step (or our code) walks them; the cheapest defence against loader bugs.
// - Triangulate + SortByPType (+ PP_SBP_REMOVE points/lines): the renderer draws triangle lists
//   only; lines and points from CAD exports are dropped instead of becoming degenerate triangles.
// - Not FindInvalidData / FindDegenerates: one NaN/Inf vertex makes FindInvalidData delete the
//   whole mesh and the import then fails ("No meshes remaining"); convertMesh drops bad and
//   zero-area triangles one by one instead and rebuilds NaN/zero normals, with a warning.
// - GenSmoothNormals: only for meshes without normals (OBJ/IFC often have none); it keeps hard
//   edges below the smoothing angle. Broken individual normals are repaired in convertMesh.
// - JoinIdenticalVertices: OBJ/IFC/FBX come unindexed; indexed meshes are what the GPU wants.
// - CalcTangentSpace (optional): normal maps need tangents.
// - FlipUVs: Assimp flips glTF's top-left UV origin to OpenGL's bottom-left; we flip back so UV
//   (0,0) is the first image row, which is how stb_image and Vulkan address images.
// Not used: PreTransformVertices/OptimizeGraph/OptimizeMeshes (they destroy the node tree and
// names that floor detection needs); ImproveCacheLocality (costs import time, the GPU gain is
// small at our triangle counts); GenBoundingBoxes (we compute exact world bounds ourselves).
unsigned postProcessFlags(const ImportOptions& options) {
    unsigned flags = aiProcess_ValidateDataStructure | aiProcess_Triangulate |
                     aiProcess_SortByPType | aiProcess_GenSmoothNormals |
                     aiProcess_JoinIdenticalVertices | aiProcess_FlipUVs;
    if (options.computeTangents) flags |= aiProcess_CalcTangentSpace;
    return flags;
}

double metadataNumber(const aiMetadata* meta, const char* key, double fallback) {
    if (meta == nullptr) return fallback;
    double d = 0;
    float f = 0;
    int32_t i = 0;
    if (meta->Get(key, d)) return d;
    if (meta->Get(key, f)) return f;
    if (meta->Get(key, i)) return i;
    return fallback;
}

// Z-up (x right, y forward, z up) -> Y-up (x right, y up, z toward the viewer).
glm::mat4 zUpToYUp() {
    return glm::rotate(glm::mat4(1.0f), -glm::half_pi<float>(), {1, 0, 0});
}

// Works out how to reach Y-up metres. IFC: Assimp's IFC loader has already put "rotate Z-up to
// Y-up, scale to metres" into the root node, so we only report the scale it used. FBX: the file's
// UnitScaleFactor is centimetres per unit and UpAxis says which axis is up. glTF is Y-up metres by
// specification; OBJ has no units and is taken as Y-up metres.
glm::mat4 normalisation(const aiScene& scene, Format format, const ImportOptions& options,
                        ImportedModel& model) {
    float scale = 1.0f;
    bool zUp = false;
    if (format == Format::Ifc && scene.mRootNode != nullptr) {
        const aiMatrix4x4& m = scene.mRootNode->mTransformation;
        model.unitScale = std::sqrt(m.a1 * m.a1 + m.b1 * m.b1 + m.c1 * m.c1);
        model.upAxisConverted = true;
    } else if (format == Format::Fbx) {
        const double unitCm = metadataNumber(scene.mMetaData, "UnitScaleFactor", 1.0);
        if (std::isfinite(unitCm) && unitCm > 0) scale = float(unitCm / 100.0);
        zUp = metadataNumber(scene.mMetaData, "UpAxis", 1.0) == 2.0;
    }
    if (options.unitScaleOverride > 0) scale = options.unitScaleOverride;
    if (options.upAxis != UpAxis::Auto) zUp = options.upAxis == UpAxis::Z;
    if (format != Format::Ifc) model.unitScale = scale;
    model.upAxisConverted = model.upAxisConverted || zUp;
    glm::mat4 result = glm::scale(glm::mat4(1.0f), glm::vec3(scale));
    return zUp ? zUpToYUp() * result : result;
}

Result<void> convertScene(const aiScene& scene, const std::string& label, Format format,
                          const ImportOptions& options, ImportedModel& model) {
    MaterialImport materials = convertMaterials(scene, model.sourcePath.parent_path(), label,
                                                options.decodeTextures, model.warnings);
    model.materials = std::move(materials.materials);
    model.textures = std::move(materials.textures);
    std::vector<uint32_t> meshRemap(scene.mNumMeshes, kNone);
    for (uint32_t i = 0; i < scene.mNumMeshes && scene.mMeshes; ++i) {
        if (scene.mMeshes[i] == nullptr) continue;
        std::optional<Mesh> mesh =
            convertMesh(*scene.mMeshes[i], uint32_t(model.materials.size()), label, model.warnings);
        if (!mesh) continue;
        meshRemap[i] = uint32_t(model.meshes.size());
        model.meshes.push_back(std::move(*mesh));
    }
    PT_TRY(buildNodes(scene, meshRemap, label, model));
    if (model.meshes.empty()) {
        // Say why: the per-mesh warnings hold the reason (e.g. every vertex was Inf).
        return makeError(label, ": the file contains no usable triangles",
                         model.warnings.empty() ? "" : " (",
                         model.warnings.empty() ? "" : model.warnings.front(),
                         model.warnings.empty() ? "" : ")");
    }
    convertCameras(scene, label, model);
    applyRootTransform(model, normalisation(scene, format, options, model));
    rebaseFarCoordinates(model, options.rebaseThresholdMetres);
    return {};
}

}  // namespace

bool isSupportedModelExtension(const std::filesystem::path& path) {
    return formatOf(path) != Format::Unsupported;
}

Result<ImportedModel> importModel(const std::filesystem::path& path, const ImportOptions& options) {
    const std::string label = path.filename().string();
    const Format format = formatOf(path);
    if (format == Format::Unsupported) {
        return makeError(label, ": unsupported format '", path.extension().string(),
                         "' (supported: .gltf .glb .ifc .fbx .obj)");
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return makeError(label, ": file not found (", path.string(), ")");
    }
    Assimp::Importer importer;
    importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE,
                                aiPrimitiveType_POINT | aiPrimitiveType_LINE);
    const aiScene* scene = importer.ReadFile(path.string(), postProcessFlags(options));
    if (scene == nullptr) return makeError(label, ": ", importer.GetErrorString());
    if (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) {
        return makeError(label, ": the file is incomplete (no geometry in its scene)");
    }
    ImportedModel model;
    model.sourcePath = path;
    PT_TRY(convertScene(*scene, label, format, options, model));
    return model;
}

}  // namespace pt::assets
