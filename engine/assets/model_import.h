#pragma once
// Importing building models (.gltf .glb .ifc .fbx .obj) through Assimp into an ImportedModel in
// Y-up metres. importModel() runs in the calling thread and trusts Assimp not to crash;
// importModelIsolated() (isolated_import.h) is what the app uses for files a user hands it.
#include <filesystem>

#include "assets/imported_model.h"
#include "core/result.h"

namespace pt::assets {

enum class UpAxis : uint8_t { Auto, Y, Z };

struct ImportOptions {
    // Source units -> metres. 0 = from the file (FBX UnitScaleFactor; IFC units are converted by
    // Assimp's IFC loader; glTF and OBJ are taken as metres).
    float unitScaleOverride = 0.0f;
    UpAxis upAxis = UpAxis::Auto;  // Auto: IFC is handled by Assimp, FBX from its UpAxis metadata
    // Geo-referenced models sit kilometres from the origin where float precision is poor: if the
    // bounds' centre is farther than this on an axis, that axis is moved back to the origin.
    double rebaseThresholdMetres = 10000.0;
    bool computeTangents = true;  // needed for normal maps; costs ~10 % of import time
    bool decodeTextures = true;   // false: texture slots are filled but pixels stay empty
    // importModelIsolated only: the child is killed after this long.
    int timeoutSeconds = 30;
};

// Reads `path` and returns the whole model, or an error that names the file and the reason
// ("Foo.gltf: GLTF: could not open referenced file \"Foo0.bin\""). Bad data inside an otherwise
// readable file (out-of-range indices, NaN/Inf, degenerate triangles, broken normals, missing
// textures) is dropped or repaired and listed in ImportedModel::warnings. Thread-safe: each call
// uses its own Assimp importer.
Result<ImportedModel> importModel(const std::filesystem::path& path,
                                  const ImportOptions& options = {});

// True for the extensions importModel accepts (case-insensitive, with the dot).
bool isSupportedModelExtension(const std::filesystem::path& path);

}  // namespace pt::assets
