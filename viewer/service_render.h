#pragma once
// The service scenes (drones, EV charging) in the viewer and in `parktwin render`: which views
// they are, the live-data options they use, the per-frame update, and the deterministic settle
// of `parktwin render --view drone|ev --data sim`. Main thread.
#include <span>
#include <string>

#include "core/result.h"
#include "data/clock.h"
#include "render/camera.h"
#include "render/gpu_scene.h"
#include "twin/live_data.h"
#include "twin/service_scene.h"
#include "viewer/cli.h"

namespace pt::viewer {

// --view drone or --view ev.
bool isServiceView(const Options& options);

// A fixed clock for reproducible service renders: 2026-11-26 10:30 in Shenzhen (a Thursday
// morning, chargers busy).
inline constexpr int64_t kServiceRenderStartMs = 1'764'124'200'000;
// The simulator runs this much simulated time before the first frame of a service view (window
// or render), so chargers and drones are mid-cycle rather than all idle.
inline constexpr int64_t kServiceWarmupMs = 25 * 60'000;

// The live-data options for a view: a service view with --data sim runs the simulator at real
// time (drones at their real speed; on `fixedClock` when given), and shows the chargers or
// drones layer unless --layer chose another than the default. Other views keep the command
// line's options.
twin::LiveDataOptions liveOptionsFor(const Options& options, const data::Clock* fixedClock);

// Feeds the service scene from the live data (or none) at the time cursor and rebuilds its
// moving instances for `camera`.
void updateServiceScene(twin::ServiceScene& services, twin::LiveData* live,
                        std::span<render::EntityState> states, const render::Camera& camera,
                        render::GpuScene& scene);

// Steps `clock` through `seconds` of one-second steps (after the simulator's warm-up), after
// each waiting until the simulator's batch for that time has been applied, and feeds the service
// scene every step (so the drone tracks see every pose). Only the clock decides what is produced,
// so the result is the same on every run. Fails if the simulator stops producing.
Result<void> settleServiceScene(twin::LiveData& live, data::ManualClock& clock,
                                std::span<render::EntityState> states, twin::ServiceScene& services,
                                const render::Camera& camera, render::GpuScene& scene,
                                double seconds);

}  // namespace pt::viewer
