#pragma once
// Fills a GpuScene from what --scene names and says where the camera should start.
#include <string>

#include "core/result.h"
#include "render/camera.h"
#include "render/gpu_scene.h"

namespace pt::viewer {

struct LoadedScene {
    std::string title;
    render::Camera camera;  // a good first view of the whole scene
};

Result<LoadedScene> loadScene(const std::string& source, render::GpuScene& scene);

}  // namespace pt::viewer
