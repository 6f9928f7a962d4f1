#pragma once
// `parktwin publish`: plays the simulator or the real-data replay into a broker, batched on
// parktwin/v1/batch, and refreshes retained per-topic last values so a viewer that starts late
// shows state at once. Blocking; runs on the caller's thread until the duration ends or *stop.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "core/result.h"
#include "data/clock.h"
#include "data/mqtt_source.h"
#include "data/replay.h"
#include "data/simulator.h"

namespace pt::data {

struct PublishOptions {
    MqttOptions broker;
    enum class Source { Simulator, Replay } source = Source::Simulator;
    SimOptions sim;
    std::optional<SimPark> park;         // default: makeDemoSimPark(sim.seed)
    std::filesystem::path telemetryDir;  // for Replay: .../shared/data/telemetry
    ReplayOptions replay;                // units default to the demo park's first 24 units
    int64_t tickMs = 1000;
    size_t batchSize = 500;          // values per batch message
    int64_t retainEveryMs = 10'000;  // 0: never publish retained values
    int64_t durationMs = 0;          // 0: until *stop
    const std::atomic<bool>* stop = nullptr;
};

// Returns the number of values published.
Result<uint64_t> publish(const PublishOptions& options, const Clock& clock = systemClock());

}  // namespace pt::data
