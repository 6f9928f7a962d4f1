// GPU frame time (lavapipe) of the demo park at 1920x1080, with 4x and 1x MSAA, each with and
// without the far level of detail, against `vkcube` at the same size measured in the same run
// with the same LP_NUM_THREADS. vkcube needs a window: it runs under `xvfb-run`, twice (a few
// frames and many more), so the difference gives its time per frame without process and X server
// start-up. Target: ratio <= 8. See docs/benchmarks.md.
//
// Our frame: beginFrame, Renderer::render, the offscreen target's copy into its host-visible
// buffer, submit, wait - one frame at a time, after warm-up frames (pipelines, instance upload,
// shadow map). vkcube's frame likewise ends in a copy to the X server (lavapipe's software
// presentation).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <glm/gtc/matrix_transform.hpp>

#include "assets/model_import.h"
#include "bench_scene.h"
#include "park/manifest.h"
#include "park/node_mapper.h"
#include "render/offscreen_target.h"
#include "render/render_context.h"
#include "render/renderer.h"
#include "twin/park_scene.h"

namespace fs = std::filesystem;
using namespace pt;
using namespace pt::bench;

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of every thread of this process so far (lavapipe rasterises on its own threads), in
// ms: unlike wall time it hardly changes when other processes compete for the cores.
double processCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) * 1e-6;
}
constexpr VkExtent2D kSize{1920, 1080};
constexpr int kFrames = 5;  // ours, per MSAA setting (a 4x MSAA frame takes ~1 s on lavapipe)
constexpr int kVkcubeFrames = 300;  // vkcube, beyond its start-up run
constexpr int kVkcubeStartFrames = 10;

// Seconds for `vkcube --c frames` at kSize under a virtual X server; negative if it failed.
double vkcubeSeconds(int frames) {
    const std::string command = "xvfb-run -a -s '-screen 0 " + std::to_string(kSize.width) + "x" +
                                std::to_string(kSize.height) + "x24' vkcube --c " +
                                std::to_string(frames) + " --width " + std::to_string(kSize.width) +
                                " --height " + std::to_string(kSize.height) +
                                " --suppress_popups > /dev/null 2>&1";
    const auto start = Clock::now();
    const int rc = std::system(command.c_str());
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    return rc == 0 ? s : -1.0;
}

// vkcube's milliseconds per frame, measured once per run (best of two).
double vkcubeMsPerFrame() {
    static const double ms = [] {
        double best = -1.0;
        for (int run = 0; run < 2; ++run) {
            const double few = vkcubeSeconds(kVkcubeStartFrames);
            const double many = vkcubeSeconds(kVkcubeStartFrames + kVkcubeFrames);
            if (few < 0 || many < 0) return -1.0;
            const double perFrame = (many - few) * 1000.0 / kVkcubeFrames;
            if (best < 0 || perFrame < best) best = perFrame;
        }
        return best;
    }();
    return ms;
}

BenchScene& demoScene() {
    static std::optional<BenchScene> scene = demoPark();
    if (!scene) {
        std::fprintf(stderr, "demo park failed to load from %s\n", kDemoManifest.c_str());
        std::exit(1);
    }
    return *scene;
}

struct Row {
    int samples = 0;
    bool lod = true;
    double oursMs = 0, oursCpuMs = 0, vkcubeMs = 0;
    uint32_t draws = 0;
    uint64_t triangles = 0;
    std::string passes;
};
std::vector<Row>& rows() {
    static std::vector<Row> r;
    return r;
}

void BM_DemoParkFrame(benchmark::State& state) {
    const double vkcube = vkcubeMsPerFrame();
    if (vkcube <= 0) {
        state.SkipWithError("vkcube under xvfb-run failed (vulkan-tools and xvfb installed?)");
        return;
    }
    BenchScene& s = demoScene();
    render::RenderContext& ctx = context();
    render::OffscreenTarget target(*ctx.device, kSize);
    const bool lod = state.range(1) != 0;
    render::Renderer renderer(
        *ctx.device, {.samples = VkSampleCountFlagBits(state.range(0)), .levelOfDetail = lod});
    const render::RenderView view{.camera = s.camera, .entities = s.entities};
    std::vector<gfx::PassTime> passes;  // GPU timestamps of a measured frame, per pass
    double cpuMs = 0;  // CPU time of this process (lavapipe's threads included) per frame
    auto frame = [&] {
        const auto start = Clock::now();
        const double cpuStart = processCpuMs();
        gfx::FrameData& f = ctx.frames->beginFrame();
        if (!f.timer.results().empty()) passes = f.timer.results();  // this slot's last frame
        target.acquire(f);
        renderer.render(f, *s.gpu, view, target.image());
        ctx.frames->submit(f, target.finish(f));
        ctx.frames->wait(f);
        cpuMs = processCpuMs() - cpuStart;
        return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    };
    for (int i = 0; i < 2; ++i)
        frame();
    double ours = 0, oursCpu = 0;
    for (auto _ : state) {
        const double ms = frame();
        state.SetIterationTime(ms / 1000.0);
        ours += ms;
        oursCpu += cpuMs;
    }
    ours /= double(state.iterations());
    oursCpu /= double(state.iterations());
    frame();  // its beginFrame collects the timestamps of a measured frame in that slot
    Row row{int(state.range(0)),
            lod,
            ours,
            oursCpu,
            vkcube,
            renderer.lastStats().drawnInstances,
            renderer.lastStats().drawnTriangles};
    for (const gfx::PassTime& p : passes) {
        row.passes += (row.passes.empty() ? "" : ", ") + p.name + " ";
        row.passes += std::to_string(int(p.milliseconds + 0.5)) + " ms";
    }
    rows().push_back(row);
    state.counters["ms_per_frame"] = ours;
    state.counters["vkcube_ms"] = vkcube;
    state.counters["ratio"] = ours / vkcube;
    state.counters["draws"] = row.draws;
}
// {MSAA samples, level of detail}: the renderer's defaults, the viewer's on CPU devices, and
// both without the far level of detail (what it saves, in the same run).
BENCHMARK(BM_DemoParkFrame)
    ->ArgNames({"msaa", "lod"})
    ->Args({4, 1})
    ->Args({1, 1})
    ->Args({4, 0})
    ->Args({1, 0})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(kFrames);

}  // namespace

int main(int argc, char** argv) {
    // Both sides rasterise with the same number of lavapipe threads (vkcube inherits it).
    setenv("LP_NUM_THREADS", "2", 0);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    std::printf("\nDemo park at %ux%u on lavapipe (LP_NUM_THREADS=%s) vs vkcube, same size\n",
                kSize.width, kSize.height, std::getenv("LP_NUM_THREADS"));
    for (const Row& r : rows())
        std::printf(
            "  %dx MSAA, LOD %-3s: %.1f ms/frame (%u draws, %llu triangles), vkcube %.2f "
            "ms/frame, ratio %.1fx (target <= 8x); CPU time %.1f ms/frame\n",
            r.samples, r.lod ? "on" : "off", r.oursMs, r.draws, (unsigned long long)r.triangles,
            r.vkcubeMs, r.oursMs / r.vkcubeMs, r.oursCpuMs);
    for (const Row& r : rows())
        std::printf("  %dx MSAA, LOD %-3s GPU passes: %s\n", r.samples, r.lod ? "on" : "off",
                    r.passes.c_str());
    benchmark::Shutdown();
    return 0;
}
