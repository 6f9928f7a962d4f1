#include "viewer/scene_source.h"

#include <algorithm>
#include <cmath>

#include "render/test_scene.h"

namespace pt::viewer {

std::string demoManifestPath() {
    return PT_DEMO_MANIFEST;
}

render::Camera frameBounds(const glm::vec3& lo, const glm::vec3& hi) {
    render::Camera c;
    const glm::vec3 centre = (lo + hi) * 0.5f;
    const float radius = std::max(glm::length(hi - lo) * 0.5f, 1.0f);
    // Distance at which the bounding sphere fills the vertical field of view, with a margin.
    const float distance = radius / std::sin(glm::radians(c.fovYDegrees) * 0.5f) * 0.62f;
    c.target = centre;
    c.eye = centre + glm::normalize(glm::vec3(0.75f, 0.85f, 1.0f)) * distance;
    c.nearPlane = std::max(0.1f, distance * 0.002f);
    return c;
}

Result<LoadedScene> loadScene(const std::string& source, render::GpuScene& scene,
                              const twin::ProgressCallback& progress) {
    if (source == "builtin:test") {
        render::buildTestScene(scene);
        return LoadedScene{"built-in test scene", render::testSceneCamera(), std::nullopt};
    }
    const std::string path = source == "demo" ? demoManifestPath() : source;
    if (source == "demo" && !std::filesystem::exists(path))
        return makeError(path,
                         ": the demo park has not been generated (build the demo_park target)");
    auto park = twin::loadParkScene(path, scene, progress);
    if (!park) return park.error();
    glm::vec3 lo, hi;
    scene.bounds(lo, hi);
    LoadedScene loaded{park->portfolio.name().empty()
                           ? std::filesystem::path(path).filename().string()
                           : park->portfolio.name(),
                       frameBounds(lo, hi), std::move(*park)};
    return loaded;
}

}  // namespace pt::viewer
