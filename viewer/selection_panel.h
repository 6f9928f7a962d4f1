#pragma once
// The selection panel: what the selected entity is (id, kind, name and the park model's facts:
// tenant, industry, area, lease, capacity...), its live occupancy, power and today's energy
// with history sparklines from the telemetry store, the active layer's value, and the active
// alerts on it or below it (acknowledge from here). Main thread; the panel caches the sampled
// histories for a second at a time (they walk the store's subtree).
#include <array>
#include <chrono>

#include "park/park_model.h"
#include "twin/entity_history.h"
#include "viewer/command.h"

namespace pt::twin {
class LiveData;
}

namespace pt::viewer {

struct SelectionPanelContext {
    const park::Portfolio* portfolio = nullptr;
    park::EntityIndex selected = park::kNoEntity;
    twin::LiveData* live = nullptr;  // optional
    CommandQueue* commands = nullptr;
    bool chinese = false;
};

class SelectionPanel {
public:
    void draw(const SelectionPanelContext& c);

private:
    void drawLive(const SelectionPanelContext& c);
    void drawAlerts(const SelectionPanelContext& c);

    park::EntityIndex m_sampledFor = park::kNoEntity;
    int64_t m_sampledAtMs = 0;
    std::array<twin::HistorySeries, 3> m_history;  // occupancy, power, energy today
};

}  // namespace pt::viewer
