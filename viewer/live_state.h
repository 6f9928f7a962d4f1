#pragma once
// The "live" object of the remote API's GET /api/v1/state: the data source's connection, how old
// the newest data is, and what the selected entity shows. Lets scripts and tests see what the
// operator sees in the data panel (connection dot, "last data N s ago", grey stale entities).
#include <cstdint>
#include <nlohmann/json.hpp>

#include "park/park_model.h"
#include "twin/live_data.h"

namespace pt::viewer {

// Frame thread. `selectedFlags` are the selected entity's VisualFlag bits this frame (0 if none).
// Shape: {"source", "connection", "reconnectAttempt", "connects", "samplesApplied", "rejected",
//         "dataAgeMs" (-1: no data yet), "selected": {"label", "stale", "noData"} or null}.
nlohmann::json liveStateJson(twin::LiveData& live, park::EntityIndex selected,
                             uint32_t selectedFlags);

}  // namespace pt::viewer
