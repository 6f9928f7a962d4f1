#pragma once
// An entity's recent live values resampled for a sparkline (selection panel): occupancy and
// power as the store aggregates them over the entity's subtree, energy as today's consumption
// (the cumulative counter's delta since local midnight). Pure function of the telemetry store;
// main thread (the store is main-thread only). The result is a plain value.
#include <cstdint>
#include <vector>

#include "data/telemetry_store.h"

namespace pt::twin {

enum class HistoryQuantity { Occupancy, Power, EnergyToday };

struct HistorySeries {
    // Evenly spaced samples from fromMs to toMs (both included). Starts at the first moment the
    // window has data, so a viewer that has run for a minute shows that minute, not a flat
    // line; empty when there is no data at all in the window.
    std::vector<float> values;
    int64_t fromMs = 0;
    int64_t toMs = 0;
    float min = 0;
    float max = 0;
};

// `points` >= 2 samples over [fromMs, toMs]; `utcOffsetMinutes` sets "today" for energy.
HistorySeries sampleHistory(const data::TelemetryStore& store, data::EntityKey key,
                            HistoryQuantity quantity, int64_t fromMs, int64_t toMs, int points,
                            int utcOffsetMinutes = 8 * 60);

}  // namespace pt::twin
