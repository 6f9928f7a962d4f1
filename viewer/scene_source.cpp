#include "viewer/scene_source.h"

#include "render/test_scene.h"

namespace pt::viewer {

Result<LoadedScene> loadScene(const std::string& source, render::GpuScene& scene) {
    if (source == "builtin:test") {
        render::buildTestScene(scene);
        return LoadedScene{"built-in test scene", render::testSceneCamera()};
    }
    return makeError(source, ": unknown scene (expected builtin:test)");
}

}  // namespace pt::viewer
