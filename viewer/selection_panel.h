#pragma once
// The selection panel: what the selected entity is (id, kind, name, attributes from the park
// model) and its live value. Built with Dear ImGui each frame.
#include "park/park_model.h"

namespace pt::twin {
class LiveData;
}

namespace pt::viewer {

void drawSelectionPanel(const park::Portfolio& portfolio, park::EntityIndex selected,
                        twin::LiveData* live, bool chinese);

}  // namespace pt::viewer
