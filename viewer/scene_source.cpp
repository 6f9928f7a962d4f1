#include "viewer/scene_source.h"

#include "viewer/test_scene.h"

namespace pt::viewer {

Result<LoadedScene> loadScene(const std::string& source, render::GpuScene& scene) {
    if (source == "builtin:test") {
        buildTestScene(scene);
        return LoadedScene{"built-in test scene", testSceneCamera()};
    }
    return makeError(source, ": unknown scene (expected builtin:test)");
}

}  // namespace pt::viewer
