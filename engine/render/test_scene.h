#pragma once
// The built-in test scene (`--scene builtin:test`): a small block of factory towers on a ground
// plane, each floor its own instance with a distinct colour, plus glass. Deterministic, so golden
// images of it are stable. Used until a park is loaded and by the engine's own tests.
#include "render/camera.h"
#include "render/gpu_scene.h"

namespace pt::render {

void buildTestScene(GpuScene& scene);
Camera testSceneCamera();

}  // namespace pt::render
