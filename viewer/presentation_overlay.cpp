#include "viewer/presentation_overlay.h"

#include <imgui.h>

#include <algorithm>

namespace pt::viewer {
namespace {

constexpr ImU32 kPanel = IM_COL32(10, 16, 26, 210);
constexpr ImU32 kLabel = IM_COL32(150, 170, 190, 255);
constexpr ImU32 kValue = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kWarning = IM_COL32(255, 92, 72, 255);  // the critical-alert red
constexpr float kTickerPixelsPerSecond = 90.0f;

ImU32 levelColour(int level, float alpha) {
    const int a = int(255 * std::clamp(alpha, 0.0f, 1.0f));
    if (level >= 3) return IM_COL32(230, 57, 70, a);   // critical
    if (level == 2) return IM_COL32(244, 162, 97, a);  // warning
    return IM_COL32(69, 123, 157, a);                  // info
}

float tickerHeight() {
    return roomTextPixels() * 1.7f;
}

}  // namespace

float roomTextPixels() {
    return std::max(24.0f, ImGui::GetMainViewport()->WorkSize.y / 28.0f);
}

ImVec4 drawRoomCaption(const std::string& text, bool ticker) {
    if (text.empty()) return {};
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const float px = roomTextPixels();
    const ImVec2 size =
        ImGui::GetFont()->CalcTextSizeA(px, vp->WorkSize.x * 0.8f, 0.0f, text.c_str());
    const ImVec2 pad(px * 1.0f, px * 0.5f);
    const ImVec2 box(size.x + 2 * pad.x, size.y + 2 * pad.y);
    const float bottom = vp->WorkPos.y + vp->WorkSize.y - (ticker ? tickerHeight() : 0.0f);
    const ImVec2 at(vp->WorkPos.x + (vp->WorkSize.x - box.x) * 0.5f, bottom - box.y - px);
    draw->AddRectFilled(at, ImVec2(at.x + box.x, at.y + box.y), kPanel, px * 0.3f);
    draw->AddText(ImGui::GetFont(), px, ImVec2(at.x + pad.x, at.y + pad.y), kValue, text.c_str(),
                  nullptr, vp->WorkSize.x * 0.8f);
    return {at.x, at.y, at.x + box.x, at.y + box.y};
}

ImVec4 drawKpiTicker(const std::vector<TickerItem>& items, double seconds) {
    if (items.empty()) return {};
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    ImFont* font = ImGui::GetFont();
    const float px = roomTextPixels() * 0.8f;
    const float height = tickerHeight();
    const ImVec2 min(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - height);
    const ImVec2 max(vp->WorkPos.x + vp->WorkSize.x, vp->WorkPos.y + vp->WorkSize.y);
    draw->AddRectFilled(min, max, kPanel);
    draw->AddLine(min, ImVec2(max.x, min.y), IM_COL32(60, 140, 220, 255), 2.0f);

    // One pass of all items; drawn repeatedly side by side so the strip never runs out.
    const float gap = px * 2.0f;
    float width = 0;
    for (const TickerItem& item : items)
        width += font->CalcTextSizeA(px * 0.75f, FLT_MAX, 0, item.label.c_str()).x + px * 0.5f +
                 font->CalcTextSizeA(px, FLT_MAX, 0, item.value.c_str()).x + gap;
    const float offset = tickerOffset(seconds, kTickerPixelsPerSecond, width);
    draw->PushClipRect(min, max, true);
    const float labelY = min.y + (height - px * 0.75f) * 0.5f;
    const float valueY = min.y + (height - px) * 0.5f;
    for (float x = min.x - offset; x < max.x; x += width) {
        float at = x;
        for (const TickerItem& item : items) {
            draw->AddText(font, px * 0.75f, ImVec2(at, labelY), kLabel, item.label.c_str());
            at += font->CalcTextSizeA(px * 0.75f, FLT_MAX, 0, item.label.c_str()).x + px * 0.5f;
            draw->AddText(font, px, ImVec2(at, valueY), item.warning ? kWarning : kValue,
                          item.value.c_str());
            at += font->CalcTextSizeA(px, FLT_MAX, 0, item.value.c_str()).x + gap;
        }
    }
    draw->PopClipRect();
    return {min.x, min.y, max.x, max.y};
}

ImVec4 drawCalloutCard(const Callout& callout, float fade, bool zh) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    ImFont* font = ImGui::GetFont();
    const float px = roomTextPixels();
    const char* heading = callout.level >= 3   ? (zh ? "严重告警" : "CRITICAL ALERT")
                          : callout.level == 2 ? (zh ? "告警" : "WARNING")
                                               : (zh ? "提示" : "NOTICE");
    const float width = std::min(vp->WorkSize.x * 0.6f, px * 24.0f);
    const float height = px * 4.2f;
    const ImVec2 at(vp->WorkPos.x + (vp->WorkSize.x - width) * 0.5f, vp->WorkPos.y + px);
    const float a = std::clamp(fade, 0.0f, 1.0f);
    draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), IM_COL32(10, 16, 26, int(225 * a)),
                        px * 0.3f);
    draw->AddRectFilled(at, ImVec2(at.x + px * 0.35f, at.y + height), levelColour(callout.level, a),
                        px * 0.3f, ImDrawFlags_RoundCornersLeft);
    const float x = at.x + px * 1.0f;
    draw->AddText(font, px * 0.7f, ImVec2(x, at.y + px * 0.35f), levelColour(callout.level, a),
                  heading);
    draw->AddText(font, px * 1.2f, ImVec2(x, at.y + px * 1.2f),
                  IM_COL32(255, 255, 255, int(255 * a)), callout.title.c_str());
    draw->AddText(font, px * 0.85f, ImVec2(x, at.y + px * 2.7f),
                  IM_COL32(210, 220, 230, int(255 * a)), callout.detail.c_str(), nullptr,
                  width - px * 1.5f);
    return {at.x, at.y, at.x + width, at.y + height};
}

}  // namespace pt::viewer
