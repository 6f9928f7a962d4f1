// CPU frame preparation: Renderer::render's CPU part (culling and draw lists, entity-state and
// draw uploads into the frame's upload arena, descriptor writes, command recording) for synthetic
// parks of 10k, 30k and 100k units and for the demo park, against a reference measured in the
// same run: a bare loop that writes the same number of indirect draw commands into an upload
// slice and records them with one vkCmdDrawIndexedIndirect into a command buffer. Issue 4 asks
// that the ratio grow less than 2x from 10k to 100k units. See docs/benchmarks.md.
//
// Headless context, 64x64 offscreen target (the GPU side is not measured here); each frame is
// waited for before the next one is prepared, so lavapipe's rasteriser threads never compete
// with the measured CPU work.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "assets/model_import.h"
#include "bench_scene.h"
#include "gfx/vk_check.h"
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
constexpr VkExtent2D kTargetSize{64, 64};
// Fixed frame counts: lavapipe spends far longer drawing a frame than the CPU preparing it, so a
// minimum measured time would mean hundreds of (unmeasured) GPU frames.
constexpr int kFrames = 30;

// Buildings of 10 floors x 20 units on a grid. Entities: one per building, floor and unit
// (units carry the unit's entity, floor slabs and glass facades the floor's, cores the
// building's). Every 10th unit has a colour overlay, every 50th an unacknowledged alert.
BenchScene syntheticPark(size_t units) {
    constexpr int kFloors = 10, kUnitsPerFloor = 20;
    const size_t buildings = units / (kFloors * kUnitsPerFloor);
    BenchScene s;
    s.gpu = std::make_unique<render::GpuScene>(*context().device);
    render::GpuScene& scene = *s.gpu;
    const uint32_t unitMesh = scene.addMesh(render::makeBox({4.5f, 3.2f, 5.5f}, "unit"));
    const uint32_t slabMesh = scene.addMesh(render::makeBox({52.0f, 0.4f, 13.0f}, "slab"));
    const uint32_t coreMesh = scene.addMesh(render::makeBox({6.0f, 36.0f, 6.0f}, "core"));
    const uint32_t facadeMesh = scene.addMesh(render::makeBox({52.0f, 3.4f, 0.1f}, "glass"));
    const uint32_t groundMesh = scene.addMesh(render::makePlane(1.0f, 1.0f, "ground"));
    auto& inst = scene.editInstances();
    const size_t perRow = size_t(std::ceil(std::sqrt(double(buildings))));
    uint32_t entity = 0;
    auto translate = [](glm::vec3 p) { return glm::translate(glm::mat4(1.0f), p); };
    for (size_t b = 0; b < buildings; ++b) {
        const glm::vec3 origin{float(b % perRow) * 70.0f, 0.0f, float(b / perRow) * 30.0f};
        const uint32_t building = entity++;
        inst.push_back({.mesh = coreMesh,
                        .transform = translate(origin + glm::vec3(26.0f, 18.0f, 6.5f)),
                        .entity = building});
        for (int f = 0; f < kFloors; ++f) {
            const uint32_t floor = entity++;
            const float y = float(f) * 3.6f;
            inst.push_back({.mesh = slabMesh,
                            .transform = translate(origin + glm::vec3(26.0f, y + 0.2f, 6.5f)),
                            .color = {0.6f, 0.6f, 0.62f, 1.0f},
                            .entity = floor});
            inst.push_back({.mesh = facadeMesh,
                            .transform = translate(origin + glm::vec3(26.0f, y + 2.1f, 13.1f)),
                            .color = {0.4f, 0.6f, 0.8f, 0.35f},
                            .entity = floor,
                            .flags = render::kInstanceGlass});
            for (int u = 0; u < kUnitsPerFloor; ++u) {
                const glm::vec3 p{float(u % 10) * 5.0f + 2.5f, y + 2.0f,
                                  float(u / 10) * 6.5f + 3.25f};
                inst.push_back({.mesh = unitMesh,
                                .transform = translate(origin + p),
                                .color = {0.75f, 0.72f, 0.68f, 1.0f},
                                .entity = entity++});
                s.units++;
            }
        }
    }
    glm::vec3 lo, hi;
    scene.bounds(lo, hi);
    inst.push_back(
        {.mesh = groundMesh,
         .transform = glm::scale(translate((lo + hi) * 0.5f * glm::vec3(1, 0, 1)),
                                 glm::vec3(hi.x - lo.x + 100.0f, 1.0f, hi.z - lo.z + 100.0f)),
         .color = {0.35f, 0.4f, 0.33f, 1.0f}});
    scene.commit();
    s.entities.resize(entity);
    for (uint32_t e = 0; e < entity; ++e) {
        if (e % 10 == 0) s.entities[e].rgba = 0xc00000ffu;  // red overlay, alpha 0.75
        if (e % 50 == 0) s.entities[e].flags |= PT_ENTITY_FLAG_ALERT_UNACKNOWLEDGED;
    }
    // The whole park in view: the worst case for frame preparation (little is culled).
    s.camera = frameAll(scene, {0.8f, 0.9f, 1.0f}, 0.75f);
    return s;
}

// The reference: the same number of indirect draws written into an upload slice and recorded
// with one vkCmdDrawIndexedIndirect, into a command buffer of its own (recorded, never
// submitted: no pipeline is bound).
class BareIndirectLoop {
public:
    BareIndirectLoop() : m_arena(*context().device, gfx::kUploadArenaSize, "bench bare draws") {
        const VkDevice device = context().device->handle();
        const VkCommandPoolCreateInfo pool{.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
                                           .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
                                           .queueFamilyIndex = context().device->queueFamily()};
        PT_VK_CHECK(vkCreateCommandPool(device, &pool, nullptr, &m_pool));
        const VkCommandBufferAllocateInfo alloc{
            .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
            .commandPool = m_pool,
            .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
            .commandBufferCount = 1};
        PT_VK_CHECK(vkAllocateCommandBuffers(device, &alloc, &m_cmd));
    }
    ~BareIndirectLoop() { vkDestroyCommandPool(context().device->handle(), m_pool, nullptr); }

    // Milliseconds for one frame's worth of `draws` draws of `scene`'s instances.
    double recordMs(const render::GpuScene& scene, uint32_t draws) {
        const auto start = Clock::now();
        m_arena.reset();
        const VkCommandBufferBeginInfo begin{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
                                             .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT};
        PT_VK_CHECK(vkBeginCommandBuffer(m_cmd, &begin));
        const gfx::UploadSlice slice =
            m_arena.allocate(std::max<uint32_t>(draws, 1) * sizeof(VkDrawIndexedIndirectCommand));
        auto* out = reinterpret_cast<VkDrawIndexedIndirectCommand*>(slice.bytes.data());
        const auto& instances = scene.instances();
        const auto& meshes = scene.meshes();
        for (uint32_t i = 0; i < draws; ++i) {
            const render::MeshRange& m = meshes[instances[i % instances.size()].mesh];
            out[i] = {m.indexCount, 1, m.firstIndex, m.vertexOffset, i};
        }
        vkCmdDrawIndexedIndirect(m_cmd, slice.buffer, slice.offset, draws,
                                 sizeof(VkDrawIndexedIndirectCommand));
        PT_VK_CHECK(vkEndCommandBuffer(m_cmd));
        return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    }

private:
    gfx::UploadArena m_arena;
    VkCommandPool m_pool = VK_NULL_HANDLE;
    VkCommandBuffer m_cmd = VK_NULL_HANDLE;
};

// Medians, not means: the machine is shared, and a neighbour's burst should not move the result.
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

struct Row {
    size_t units = 0, instances = 0;
    uint32_t draws = 0, culled = 0;
    double oursMs = 0, referenceMs = 0;
};
// In run order, for the summary.
std::vector<std::pair<std::string, Row>>& rows() {
    static std::vector<std::pair<std::string, Row>> r;
    return r;
}
const Row* findRow(const std::string& label) {
    for (const auto& [l, r] : rows())
        if (l == label) return &r;
    return nullptr;
}

void measure(benchmark::State& state, BenchScene& s, const std::string& label) {
    render::RenderContext& ctx = context();
    render::OffscreenTarget target(*ctx.device, kTargetSize);
    render::Renderer renderer(*ctx.device);
    const render::RenderView view{.camera = s.camera, .entities = s.entities};
    double wallMs = 0;  // render + submit + wait: shows how much GPU time was kept out
    auto frame = [&]() {
        gfx::FrameData& f = ctx.frames->beginFrame();
        target.acquire(f);
        const auto start = Clock::now();
        renderer.render(f, *s.gpu, view, target.image());
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        ctx.frames->submit(f, target.finish(f));
        ctx.frames->wait(f);
        wallMs += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        return ms;
    };
    // Warm-up: pipelines, attachments, the instance upload and the shadow map happen once.
    for (int i = 0; i < 2; ++i)
        frame();
    const uint32_t draws = renderer.lastStats().drawnInstances;
    wallMs = 0;
    BareIndirectLoop reference;
    std::vector<double> ours, ref;
    for (auto _ : state) {
        const double ms = frame();
        state.SetIterationTime(ms / 1000.0);
        ours.push_back(ms);
        ref.push_back(reference.recordMs(*s.gpu, draws));
    }
    const double n = double(state.iterations());
    const Row row{s.units,      s.gpu->instances().size(),
                  draws,        renderer.lastStats().culledInstances,
                  median(ours), median(ref)};
    rows().emplace_back(label, row);
    state.counters["units"] = double(row.units);
    state.counters["draws"] = row.draws;
    state.counters["ms_per_frame"] = row.oursMs;
    state.counters["reference_ms"] = row.referenceMs;
    state.counters["ratio"] = row.oursMs / row.referenceMs;
    state.counters["frame_wall_ms"] = wallMs / n;
}

void BM_FramePrepSynthetic(benchmark::State& state) {
    BenchScene s = syntheticPark(size_t(state.range(0)));
    measure(state, s, std::to_string(state.range(0) / 1000) + "k units");
}

void BM_FramePrepDemoPark(benchmark::State& state) {
    if (!fs::exists(kDemoManifest)) {
        state.SkipWithError("build/assets/demo/manifest.json missing (build generate_demo_park)");
        return;
    }
    auto s = demoPark();
    if (!s) {
        state.SkipWithError("demo park failed to load");
        return;
    }
    measure(state, *s, "demo park");
}

BENCHMARK(BM_FramePrepSynthetic)
    ->Arg(10000)
    ->Arg(30000)
    ->Arg(100000)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(kFrames);
BENCHMARK(BM_FramePrepDemoPark)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(kFrames);

void printSummary() {
    std::printf("\nCPU frame preparation (Renderer::render) vs bare indirect-draw recording\n");
    std::printf("  %-12s %8s %9s %8s %8s %12s %12s %7s\n", "scene", "units", "instances", "draws",
                "culled", "ours ms", "bare ms", "ratio");
    for (const auto& [label, r] : rows())
        std::printf("  %-12s %8zu %9zu %8u %8u %12.3f %12.4f %6.1fx\n", label.c_str(), r.units,
                    r.instances, r.draws, r.culled, r.oursMs, r.referenceMs,
                    r.oursMs / r.referenceMs);
    const Row *lo = findRow("10k units"), *hi = findRow("100k units");
    if (lo && hi) {
        const Row &a = *lo, &b = *hi;
        std::printf(
            "  growth 10k -> 100k: ours %.1fx, bare %.1fx, ratio-to-bare %.2fx "
            "(target < 2x)\n",
            b.oursMs / a.oursMs, b.referenceMs / a.referenceMs,
            (b.oursMs / b.referenceMs) / (a.oursMs / a.referenceMs));
    }
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    printSummary();
    benchmark::Shutdown();
    return 0;
}
