#pragma once
// Drawing for presentation mode and tours, sized for a room: the caption, the KPI ticker and the
// alert call-out card, scaled from the viewport height so they read at 5 m on a wall and stay
// proportionate in a window. Dear ImGui foreground draw list; call between NewFrame and Render.
#include <imgui.h>

#include <string>
#include <vector>

#include "viewer/presentation.h"

namespace pt::viewer {

// Text height in pixels for room-scale text: 1/28 of the viewport height, at least 24 px.
float roomTextPixels();

// Each returns the screen rectangle it covered (x0, y0, x1, y1 in ImGui units; all zero when it
// drew nothing), so the next frame's labels can keep clear of it.

// A caption in a dark box centred above the bottom edge (above the ticker when `ticker`).
ImVec4 drawRoomCaption(const std::string& text, bool ticker);

// The KPI strip along the bottom edge, scrolling right to left and repeating seamlessly.
ImVec4 drawKpiTicker(const std::vector<TickerItem>& items, double seconds);

// The call-out card of an alert at the top centre; `fade` 0..1 (in and out with the flights).
ImVec4 drawCalloutCard(const Callout& callout, float fade, bool chinese);

}  // namespace pt::viewer
