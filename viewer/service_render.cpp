#include "viewer/service_render.h"

#include <chrono>
#include <cstdio>
#include <thread>

namespace pt::viewer {
namespace {

// Waits until the generator's batch for the clock's current time is in the store: batches are
// pushed and drained whole, and every simulated second has unit reports, so one new batch means
// the whole step arrived.
bool waitForBatch(twin::LiveData& live, std::span<render::EntityState> states) {
    const uint64_t before = live.samplesApplied();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        live.update(states);
        if (live.samplesApplied() > before) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

}  // namespace

bool isServiceView(const Options& o) {
    return o.view == "drone" || o.view == "ev";
}

twin::LiveDataOptions liveOptionsFor(const Options& o, const data::Clock* fixedClock) {
    twin::LiveDataOptions live{.source = o.data, .layer = o.layer};
    if (o.speed > 0) live.speed = o.speed;
    live.simStartLocalMinute = o.simStartMinute;
    if (!isServiceView(o)) return live;
    if (o.layer == "occupancy") live.layer = o.view == "ev" ? "chargers" : "drones";
    if (o.data == "sim") {
        if (o.speed <= 0) live.speed = 1.0;  // drones at their real speed
        live.simWarmupMs = kServiceWarmupMs;
        live.clock = fixedClock;
    }
    return live;
}

void updateServiceScene(twin::ServiceScene& services, twin::LiveData* live,
                        std::span<render::EntityState> states, const render::Camera& camera,
                        render::GpuScene& scene) {
    if (services.empty()) return;
    if (!live) {
        services.update(nullptr, states, 0, camera, scene);
        return;
    }
    services.update(&live->store(), states, live->cursor().cursorMs(), camera, scene,
                    live->rules().utcOffsetMinutes);
}

Result<void> settleServiceScene(twin::LiveData& live, data::ManualClock& clock,
                                std::span<render::EntityState> states, twin::ServiceScene& services,
                                const render::Camera& camera, render::GpuScene& scene,
                                double seconds) {
    const char* stalled = "the simulator produced no data for 30 s (machine overloaded?)";
    // The generator starts its timeline at the first time it sees: wait for that first batch.
    if (!waitForBatch(live, states)) return makeError("--settle: ", stalled);
    updateServiceScene(services, &live, states, camera, scene);
    for (int step = 0; step < int(seconds); ++step) {
        clock.advance(1000);
        if (!waitForBatch(live, states)) return makeError("--settle: ", stalled);
        updateServiceScene(services, &live, states, camera, scene);
    }
    const twin::FleetSummary fleet = services.fleet();
    const twin::EvSummary ev = services.ev();
    std::printf(
        "parktwin render: service scene: %d drones (%d airborne, %d charging, %d fault), "
        "%d chargers (%d in session, %d faulted, %.0f kW)\n",
        fleet.total, fleet.airborne, fleet.charging, fleet.fault, ev.total, ev.inSession,
        ev.faulted, ev.powerKw);
    return {};
}

}  // namespace pt::viewer
