#pragma once
// The service scenes' panel (Dear ImGui): one window with two tabs,
//  - Drones (低空经济): fleet KPIs, pad states, and the drone list (id, state, battery, mission,
//    altitude, speed); a click selects the drone, a second click flies to it;
//  - EV charging (新能源): utilisation, faults, power, energy today, OCPP status counts with
//    their colours, and the charger list with session progress and energy delivered.
// Texts in English and Chinese. Main thread, inside an ImGui frame.
#include "twin/service_scene.h"
#include "viewer/command.h"

namespace pt::viewer {

struct ServicePanelContext {
    const park::Portfolio* portfolio = nullptr;
    const twin::ServiceScene* services = nullptr;
    park::EntityIndex selected = park::kNoEntity;
    CommandQueue* commands = nullptr;
    bool chinese = false;
    const char* openTab = nullptr;  // "drone" or "ev": the tab shown first (--view)
};

void drawServicePanel(const ServicePanelContext& context);

// Lines for the selection panel when the selection is a drone or a charger (empty otherwise):
// state, battery, altitude, speed, activity; or OCPP status, power, session and energy today.
std::vector<std::string> serviceSelectionLines(const twin::ServiceScene& services,
                                               park::EntityIndex selected, bool chinese);

}  // namespace pt::viewer
