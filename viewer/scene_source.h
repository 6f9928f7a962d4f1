#pragma once
// Fills a GpuScene from what --scene names and says where the camera should start:
//   demo            the generated demo park (built with the program)
//   builtin:test    the engine's small test scene
//   FILE            a park manifest (.json) or one model file (.glb .gltf .ifc .fbx .obj)
#include <optional>
#include <string>

#include "core/result.h"
#include "render/camera.h"
#include "render/gpu_scene.h"
#include "twin/park_scene.h"

namespace pt::viewer {

struct LoadedScene {
    std::string title;
    render::Camera camera;                // a good first view of the whole scene
    std::optional<twin::ParkScene> park;  // absent for the built-in test scene
};

// Where the demo park's manifest is (generated into the build tree at build time).
std::string demoManifestPath();

Result<LoadedScene> loadScene(const std::string& source, render::GpuScene& scene,
                              const twin::ProgressCallback& progress = {});

// A three-quarter aerial view that frames the given box.
render::Camera frameBounds(const glm::vec3& lo, const glm::vec3& hi);

}  // namespace pt::viewer
