#pragma once
// The live-data panels of the operator UI (Dear ImGui): headline KPIs, layer choice with its
// legend, the alert list (acknowledge, click to fly to the entity) and the time bar (live,
// pause, replay, scrub back through the history). Every action is pushed as a Command.
#include <cstdint>

#include "park/park_model.h"
#include "viewer/command.h"

namespace pt::twin {
class LiveData;
}

namespace pt::viewer {

struct DataPanelContext {
    const park::Portfolio* portfolio = nullptr;
    twin::LiveData* live = nullptr;
    park::EntityIndex scope = park::kNoEntity;  // KPIs for the selection's building, or everything
    CommandQueue* commands = nullptr;
    bool chinese = false;
};

void drawKpiPanel(const DataPanelContext& c);
void drawLayerPanel(const DataPanelContext& c);
void drawAlertPanel(const DataPanelContext& c);
void drawTimeBar(const DataPanelContext& c);

}  // namespace pt::viewer
