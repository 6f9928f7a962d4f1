#pragma once
// Loads what `--scene` names into a park model plus GPU geometry: a manifest (its buildings' and
// parks' models imported in a child process each, node names mapped to entities), or a single
// model file, which becomes a one-building park whose floors are detected from the model (IFC
// storeys, naming conventions). A park whose models fail partly still loads: each failure is a
// warning naming the file and the reason. Main thread; the ParkScene lives as long as the
// GpuScene it filled.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "assets/imported_model.h"
#include "core/result.h"
#include "park/park_model.h"
#include "render/gpu_scene.h"

namespace pt::twin {

struct LoadProgress {
    size_t done = 0;
    size_t total = 0;
    std::string currentFile;
};
using ProgressCallback = std::function<void(const LoadProgress&)>;

struct LoadStats {
    size_t models = 0;
    size_t meshes = 0;
    size_t instances = 0;
    uint64_t triangles = 0;
    size_t textures = 0;
    double milliseconds = 0;
};

struct ParkScene {
    std::filesystem::path source;
    park::Portfolio portfolio;
    // World-space bounds per entity (index = EntityIndex), including every descendant; empty
    // for entities with no geometry of their own or below.
    std::vector<assets::Bounds> entityBounds;
    std::vector<std::string> warnings;
    LoadStats stats;
};

// `source` is a manifest (.json) or a model file (.glb/.gltf/.ifc/.fbx/.obj).
Result<ParkScene> loadParkScene(const std::filesystem::path& source, render::GpuScene& scene,
                                const ProgressCallback& progress = {});

}  // namespace pt::twin
