#pragma once
// Shared by the rendering benchmarks: one headless lavapipe context per process, a scene with
// its per-entity state and camera, and the demo park loaded through the product's own loader.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "render/render_context.h"
#include "render/render_view.h"
#include "twin/park_scene.h"

namespace pt::bench {

inline const std::filesystem::path kDemoManifest =
    std::filesystem::path(PT_BENCH_BINARY_DIR) / "assets/demo/manifest.json";

// Benchmarks always measure the CPU driver, so numbers compare across machines.
inline render::RenderContext& context() {
    static std::unique_ptr<render::RenderContext> ctx = [] {
        auto created = render::RenderContext::create({.deviceFilter = "llvmpipe"});
        if (!created) {
            std::fprintf(stderr, "no Vulkan device: %s\n", created.error().message.c_str());
            std::exit(1);
        }
        return std::move(*created);
    }();
    return *ctx;
}

// A scene plus the per-entity state and camera a frame is drawn with.
struct BenchScene {
    std::unique_ptr<render::GpuScene> gpu;
    std::vector<render::EntityState> entities;
    render::Camera camera;
    size_t units = 0;
};

inline render::Camera frameAll(const render::GpuScene& scene, glm::vec3 direction,
                               float distanceScale) {
    glm::vec3 lo, hi;
    scene.bounds(lo, hi);
    render::Camera c;
    c.target = (lo + hi) * 0.5f;
    c.eye = c.target + glm::normalize(direction) * glm::length(hi - lo) * distanceScale;
    c.nearPlane = 0.5f;
    return c;
}

// The demo park (empty if it has not been generated), framed like the demo_park golden.
inline std::optional<BenchScene> demoPark() {
    BenchScene s;
    s.gpu = std::make_unique<render::GpuScene>(*context().device);
    auto loaded = twin::loadParkScene(kDemoManifest, *s.gpu);
    if (!loaded) return std::nullopt;
    s.units = loaded->portfolio.count(park::EntityKind::Unit);
    s.entities.resize(loaded->portfolio.entities().size());
    s.camera = frameAll(*s.gpu, {0.75f, 0.85f, 1.0f}, 0.55f);
    return s;
}

}  // namespace pt::bench
