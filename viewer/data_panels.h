#pragma once
// The live-data panels of the operator UI (Dear ImGui): headline KPIs, layer choice with its
// legend, the alert list (filter, acknowledge, click to fly to the entity), the connection and
// data-freshness status and the time bar (live, pause, replay, scrub back through the history).
// Every action is pushed as a Command. Main thread, between ImGui::NewFrame and ImGui::Render.
#include <cstdint>
#include <string>

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
    // Seconds since the last sample arrived from the source (negative: none yet).
    double dataAgeSeconds = -1;
};

// Alert list state kept between frames: the filter text and the lowest level shown.
struct AlertFilter {
    std::string text;
    int minLevel = 0;  // data::AlertLevel as int: 0 all ... 3 critical only
    bool showAcknowledged = true;
};

void drawKpiPanel(const DataPanelContext& c);
// Returns the panel's height, so the alert panel can sit above it.
float drawLayerPanel(const DataPanelContext& c);
void drawAlertPanel(const DataPanelContext& c, AlertFilter& filter, float layersHeight);
void drawTimeBar(const DataPanelContext& c);

}  // namespace pt::viewer
