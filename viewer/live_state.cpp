#include "viewer/live_state.h"

#include "data/visual_state.h"

namespace pt::viewer {

nlohmann::json liveStateJson(twin::LiveData& live, park::EntityIndex selected,
                             uint32_t selectedFlags) {
    const twin::LiveHealth h = live.health();
    nlohmann::json j = {{"source", h.source},
                        {"connection", h.connection},
                        {"reconnectAttempt", h.reconnectAttempt},
                        {"connects", h.connects},
                        {"samplesApplied", h.samplesApplied},
                        {"rejected", h.rejected},
                        {"dataAgeMs", h.dataAgeMs}};
    j["selected"] = nullptr;
    if (selected != park::kNoEntity) {
        j["selected"] = {{"label", live.label(selected)},
                         {"stale", (selectedFlags & data::VisualFlag::kStale) != 0},
                         {"noData", (selectedFlags & data::VisualFlag::kNoData) != 0}};
    }
    return j;
}

}  // namespace pt::viewer
