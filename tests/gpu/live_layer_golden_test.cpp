// The occupancy layer on a known data set: the simulator (seed 1) at a fixed clock (a weekday
// 10:30 in Shenzhen), through the real ingest queue, store and rules, drawn on the demo park.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "data/clock.h"
#include "gpu_fixture.h"
#include "render/offscreen_target.h"
#include "render/renderer.h"
#include "test_paths.h"
#include "twin/live_data.h"
#include "twin/park_scene.h"

using namespace pt;

TEST_CASE("The occupancy layer of the demo park on simulated data matches its golden",
          "[gpu][golden][data]") {
    const auto manifest = std::filesystem::path(PT_TEST_BINARY_DIR) / "assets/demo/manifest.json";
    REQUIRE(std::filesystem::exists(manifest));
    test::GpuFixture gpu;
    render::GpuScene scene(gpu.device());
    auto park = twin::loadParkScene(manifest, scene);
    REQUIRE(park.ok());

    // 2026-11-26 02:30 UTC = 10:30 in Shenzhen (UTC+8), a Thursday morning.
    data::ManualClock clock(1'764'124'200'000);
    auto live = twin::LiveData::create(
        park->portfolio, {.source = "sim", .layer = "occupancy", .seed = 1, .clock = &clock});
    REQUIRE(live.ok());
    std::vector<render::EntityState> states(park->portfolio.entities().size());
    // Step the clock a simulated minute at a time (speed 60: one clock second each); after each
    // step wait until the generator's samples for that time are applied and nothing more comes.
    // Only the clock decides what is produced, so the data set is the same on every run.
    // Step 0 waits for the first tick at the start time (the simulator's timeline starts at the
    // first time it sees), so the clock only moves once the generator has started.
    uint64_t applied = 0;
    for (int step = 0; step < 4; ++step) {
        if (step > 0) clock.advance(1000);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        int quiet = 0;
        while (std::chrono::steady_clock::now() < deadline && quiet < 8) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            (*live)->update(states);
            quiet = (*live)->samplesApplied() == applied && applied > 0 ? quiet + 1 : 0;
            applied = (*live)->samplesApplied();
        }
    }
    REQUIRE(applied > 1000);
    // Units got colours from the occupancy rule.
    size_t coloured = 0;
    for (park::EntityIndex u : park->portfolio.ofKind(park::EntityKind::Unit))
        coloured += (states[u].rgba >> 24) != 0;
    CHECK(coloured > park->portfolio.count(park::EntityKind::Unit) / 2);

    glm::vec3 lo, hi;
    scene.bounds(lo, hi);
    render::RenderView view;
    view.camera.target = (lo + hi) * 0.5f;
    view.camera.eye = view.camera.target +
                      glm::normalize(glm::vec3(0.75f, 0.85f, 1.0f)) * glm::length(hi - lo) * 0.55f;
    view.entities = states;
    render::OffscreenTarget target(gpu.device(), {320, 200});
    render::Renderer renderer(gpu.device());
    gfx::FrameData& f = gpu.ctx().frames->beginFrame();
    renderer.render(f, scene, view, target.image());
    gpu.ctx().frames->submit(f, target.finish(f));
    test::checkGolden("demo_park_occupancy", target.readback(*gpu.ctx().frames, f));
}
