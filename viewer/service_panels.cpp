#include "viewer/service_panels.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "viewer/i18n.h"

namespace pt::viewer {
namespace {

ImVec4 imColor(uint32_t srgb) {
    return ImVec4(float((srgb >> 16) & 0xff) / 255.0f, float((srgb >> 8) & 0xff) / 255.0f,
                  float(srgb & 0xff) / 255.0f, 1.0f);
}

const char* droneStateName(const std::string& s, bool zh) {
    if (s == "Idle") return tr(zh, "Idle", "待命");
    if (s == "Preflight") return tr(zh, "Preflight", "起飞前检查");
    if (s == "Takeoff") return tr(zh, "Takeoff", "起飞");
    if (s == "Enroute") return tr(zh, "En route", "航行中");
    if (s == "Hover") return tr(zh, "Hover", "悬停");
    if (s == "Landing") return tr(zh, "Landing", "降落");
    if (s == "Charging") return tr(zh, "Charging", "充电中");
    if (s == "Fault") return tr(zh, "Fault", "故障");
    return s.empty() ? tr(zh, "no data", "无数据") : s.c_str();
}

// The drone-state rule's colours (assets/rules/default.json).
uint32_t droneStateColor(const std::string& s) {
    if (s == "Preflight" || s == "Landing") return 0x1fb8c9;
    if (s == "Takeoff" || s == "Enroute") return 0x1f6fd1;
    if (s == "Hover") return 0xf0a020;
    if (s == "Charging") return 0x2e9e44;
    if (s == "Fault") return 0xd62828;
    return 0x8a8a8a;
}

const char* ocppName(twin::OcppStatus s, bool zh) {
    switch (s) {
        case twin::OcppStatus::Available:
            return tr(zh, "Available", "空闲");
        case twin::OcppStatus::Preparing:
            return tr(zh, "Preparing", "准备中");
        case twin::OcppStatus::Charging:
            return tr(zh, "Charging", "充电中");
        case twin::OcppStatus::SuspendedEVSE:
            return tr(zh, "Suspended (EVSE)", "暂停(桩端)");
        case twin::OcppStatus::SuspendedEV:
            return tr(zh, "Suspended (EV)", "暂停(车端)");
        case twin::OcppStatus::Finishing:
            return tr(zh, "Finishing", "结束中");
        case twin::OcppStatus::Reserved:
            return tr(zh, "Reserved", "已预约");
        case twin::OcppStatus::Unavailable:
            return tr(zh, "Unavailable", "停用");
        case twin::OcppStatus::Faulted:
            return tr(zh, "Faulted", "故障");
        case twin::OcppStatus::Unknown:
            return tr(zh, "no data", "无数据");
    }
    return "?";
}

const char* padStateName(twin::PadState s, bool zh) {
    switch (s) {
        case twin::PadState::Free:
            return tr(zh, "free", "空闲");
        case twin::PadState::Occupied:
            return tr(zh, "occupied", "占用");
        case twin::PadState::Charging:
            return tr(zh, "charging", "充电");
        case twin::PadState::Active:
            return tr(zh, "takeoff/landing", "起降中");
        case twin::PadState::Fault:
            return tr(zh, "fault", "故障");
    }
    return "?";
}

std::string placeName(const ServicePanelContext& c, const twin::DroneRow& d) {
    const bool zh = c.chinese;
    const std::string place =
        d.place != park::kNoEntity ? c.portfolio->entity(d.place).name : std::string();
    switch (d.activity) {
        case twin::Activity::OnPad:
            return place;
        case twin::Activity::InCorridor:
            return place;
        case twin::Activity::OffCorridor:
            return tr(zh, "off corridor", "偏离航线");
        case twin::Activity::InNoFly:
            return std::string(tr(zh, "IN NO-FLY: ", "闯入禁飞区: ")) + place;
        case twin::Activity::Unknown:
            return "-";
    }
    return "-";
}

void select(const ServicePanelContext& c, park::EntityIndex e) {
    if (!c.commands) return;
    const std::string& id = c.portfolio->entity(e).id;
    if (e == c.selected)
        c.commands->push(FlyToCommand{id});
    else
        c.commands->push(SelectCommand{id});
}

// A small square in a colour (the legend swatch; the UI font has no geometric shapes).
void swatch(uint32_t srgb) {
    const float size = ImGui::GetTextLineHeight() * 0.8f;
    ImGui::ColorButton("##swatch", imColor(srgb),
                       ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoDragDrop,
                       ImVec2(size, size));
    ImGui::SameLine();
}

// A label and its value; `column` 1 puts the pair in the right half of the same line.
void kpi(const char* label, const char* value, uint32_t color = 0, int column = 0) {
    const float half = ImGui::GetContentRegionAvail().x * 0.5f;
    if (column == 1) ImGui::SameLine(half);
    ImGui::TextDisabled("%s", label);
    ImGui::SameLine(column == 1 ? half + 140 : 140);
    if (color)
        ImGui::TextColored(imColor(color), "%s", value);
    else
        ImGui::TextUnformatted(value);
}

void drawDrones(const ServicePanelContext& c) {
    const bool zh = c.chinese;
    const twin::ServiceScene& s = *c.services;
    const twin::FleetSummary f = s.fleet();
    char text[96];
    std::snprintf(text, sizeof text, "%d / %d", f.airborne, f.total);
    kpi(tr(zh, "Airborne", "空中"), text, 0x1f6fd1);
    std::snprintf(text, sizeof text, "%d", f.charging);
    kpi(tr(zh, "Charging", "充电中"), text, 0, 1);
    std::snprintf(text, sizeof text, "%d", f.fault);
    kpi(tr(zh, "Faults", "故障"), text, f.fault ? 0xd62828 : 0);
    std::snprintf(text, sizeof text, "%d", f.inNoFly);
    kpi(tr(zh, "No-fly incursions", "禁飞区闯入"), text, f.inNoFly ? 0xd62828 : 0x2e9e44, 1);
    std::snprintf(text, sizeof text, "%.0f %% (%d %s)", f.meanBattery, f.lowBattery,
                  tr(zh, "low", "低电量"));
    kpi(tr(zh, "Mean battery", "平均电量"), text, f.lowBattery ? 0xf0a020 : 0);

    ImGui::Separator();
    // Pads two to a line: colour, name, state and how many drones are on or over it.
    int column = 0;
    const float half = ImGui::GetContentRegionAvail().x * 0.5f;
    for (const twin::PadStatus& pad : s.pads()) {
        if (column++ % 2 == 1) ImGui::SameLine(half);
        ImGui::PushID(int(pad.entity));
        swatch(twin::padColor(pad.state));
        ImGui::PopID();
        ImGui::Text("%s  %s (%d)", c.portfolio->entity(pad.entity).name.c_str(),
                    padStateName(pad.state, zh), pad.drones);
    }
    ImGui::Separator();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
    // At least eight rows; the window scrolls if it is smaller.
    const float rows = ImGui::GetFrameHeightWithSpacing() * 9.0f;
    if (!ImGui::BeginTable("drones", 6, flags,
                           ImVec2(0, std::max(rows, ImGui::GetContentRegionAvail().y))))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(zh, "Drone", "无人机"));
    ImGui::TableSetupColumn(tr(zh, "State", "状态"));
    ImGui::TableSetupColumn(tr(zh, "Battery", "电量"));
    ImGui::TableSetupColumn(tr(zh, "Mission", "任务/位置"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr(zh, "Alt", "高度"));
    ImGui::TableSetupColumn(tr(zh, "Speed", "速度"));
    ImGui::TableHeadersRow();
    for (const twin::DroneRow& d : s.drones()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(int(d.entity));
        const std::string label =
            d.id.substr(d.id.find("/drone/") == std::string::npos ? 0 : d.id.find("/drone/") + 7);
        const std::string park = d.id.substr(0, d.id.find('/'));
        if (ImGui::Selectable((park + " " + label).c_str(), d.entity == c.selected,
                              ImGuiSelectableFlags_SpanAllColumns))
            select(c, d.entity);
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextColored(imColor(d.stale ? 0x8a8a8a : droneStateColor(d.state)), "%s%s",
                           droneStateName(d.state, zh),
                           d.stale ? tr(zh, " (stale)", " (过期)") : "");
        ImGui::TableNextColumn();
        if (d.battery) {
            const uint32_t color = *d.battery < 10   ? 0xd62828
                                   : *d.battery < 25 ? 0xf0a020
                                                     : 0x2e9e44;
            ImGui::TextColored(imColor(color), "%3.0f %%", *d.battery);
        } else {
            ImGui::TextDisabled("-");
        }
        ImGui::TableNextColumn();
        const std::string place = placeName(c, d);
        if (d.activity == twin::Activity::InNoFly)
            ImGui::TextColored(imColor(0xd62828), "%s", place.c_str());
        else
            ImGui::TextUnformatted(place.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.0f m", d.altitude);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f m/s", d.speed);
    }
    ImGui::EndTable();
}

std::string minutesSince(int64_t startMs, int64_t nowMs, bool zh) {
    char text[48];
    std::snprintf(text, sizeof text, tr(zh, "%lld min", "%lld 分钟"),
                  (long long)std::max<int64_t>(0, (nowMs - startMs) / 60'000));
    return text;
}

void drawEv(const ServicePanelContext& c, int64_t nowMs) {
    const bool zh = c.chinese;
    const twin::ServiceScene& s = *c.services;
    const twin::EvSummary e = s.ev();
    char text[96];
    std::snprintf(text, sizeof text, "%.0f %%  (%d / %d)", e.utilisation * 100.0, e.inSession,
                  e.total - e.faulted - e.unavailable);
    kpi(tr(zh, "Utilisation", "利用率"), text, 0x1f6fd1);
    ImGui::ProgressBar(float(e.utilisation), ImVec2(-1, 6), "");
    std::snprintf(text, sizeof text, "%d  (%.1f %%)", e.faulted, e.faultRate * 100.0);
    kpi(tr(zh, "Faulted", "故障"), text, e.faulted ? 0xd62828 : 0x2e9e44);
    std::snprintf(text, sizeof text, "%.0f kW", e.powerKw);
    kpi(tr(zh, "Power now", "当前功率"), text, 0, 1);
    std::snprintf(text, sizeof text, "%.0f kWh", e.energyTodayKWh);
    kpi(tr(zh, "Energy today", "今日电量"), text);
    std::snprintf(text, sizeof text, "%.1f kWh", e.sessionKWh);
    kpi(tr(zh, "In sessions now", "进行中会话电量"), text, 0, 1);

    ImGui::Separator();
    // Status counts with the OCPP colours: the legend of the bays' colours.
    int shown = 0;
    for (int i = 0; i < twin::kOcppStatusCount; ++i) {
        const auto status = twin::OcppStatus(i);
        if (status == twin::OcppStatus::Unknown && e.byStatus[size_t(i)] == 0) continue;
        if (shown++ % 3 != 0)
            ImGui::SameLine(float(shown % 3 == 2 ? 150 : shown % 3 == 0 ? 290 : 0));
        ImGui::PushID(i);
        swatch(twin::ocppColor(status));
        ImGui::PopID();
        ImGui::Text("%s %d", ocppName(status, zh), e.byStatus[size_t(i)]);
    }
    ImGui::Separator();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
    const float rows = ImGui::GetFrameHeightWithSpacing() * 9.0f;
    if (!ImGui::BeginTable("chargers", 5, flags,
                           ImVec2(0, std::max(rows, ImGui::GetContentRegionAvail().y))))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(zh, "Charger", "充电桩"));
    ImGui::TableSetupColumn(tr(zh, "Status", "状态"));
    ImGui::TableSetupColumn(tr(zh, "Power", "功率"));
    ImGui::TableSetupColumn(tr(zh, "Session", "本次充电"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr(zh, "Today", "今日"));
    ImGui::TableHeadersRow();
    for (const twin::ChargerRow& r : s.chargers()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(int(r.entity));
        const std::string park = r.id.substr(0, r.id.find('/'));
        const std::string label = park + " " + r.id.substr(r.id.rfind('/') + 1);
        if (ImGui::Selectable(label.c_str(), r.entity == c.selected,
                              ImGuiSelectableFlags_SpanAllColumns))
            select(c, r.entity);
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextColored(imColor(r.stale ? 0x8a8a8a : twin::ocppColor(r.status)), "%s",
                           ocppName(r.status, zh));
        ImGui::TableNextColumn();
        ImGui::Text("%.1f kW", r.powerKw);
        ImGui::TableNextColumn();
        if (r.sessionStartMs) {
            char overlay[64];
            std::snprintf(overlay, sizeof overlay, "%s%.1f kWh, %s", r.sessionPartial ? ">" : "",
                          r.sessionKWh, minutesSince(*r.sessionStartMs, nowMs, zh).c_str());
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, imColor(twin::ocppColor(r.status)));
            ImGui::ProgressBar(twin::sessionStage(r.status), ImVec2(-1, 0), overlay);
            ImGui::PopStyleColor();
        } else {
            ImGui::TextDisabled("-");
        }
        ImGui::TableNextColumn();
        ImGui::Text("%.0f kWh", r.energyTodayKWh);
    }
    ImGui::EndTable();
}

}  // namespace

std::vector<std::string> serviceSelectionLines(const twin::ServiceScene& s,
                                               park::EntityIndex selected, bool zh) {
    std::vector<std::string> lines;
    char text[160];
    for (const twin::DroneRow& d : s.drones()) {
        if (d.entity != selected) continue;
        std::snprintf(text, sizeof text, "%s: %s%s", tr(zh, "State", "状态"),
                      droneStateName(d.state, zh), d.stale ? tr(zh, " (stale)", " (过期)") : "");
        lines.push_back(text);
        if (d.battery) {
            std::snprintf(text, sizeof text, "%s: %.0f %%", tr(zh, "Battery", "电量"), *d.battery);
            lines.push_back(text);
        }
        std::snprintf(text, sizeof text, "%s: %.0f m   %s: %.1f m/s   %s: %03.0f deg",
                      tr(zh, "Altitude", "高度"), d.altitude, tr(zh, "Speed", "速度"), d.speed,
                      tr(zh, "Heading", "航向"), d.headingDeg);
        lines.push_back(text);
    }
    for (const twin::ChargerRow& r : s.chargers()) {
        if (r.entity != selected) continue;
        std::snprintf(text, sizeof text, "OCPP: %s   %s: %.1f kW",
                      std::string(toString(r.status)).c_str(), tr(zh, "Power", "功率"), r.powerKw);
        lines.push_back(text);
        if (r.sessionStartMs) {
            std::snprintf(text, sizeof text, "%s: %s%.1f kWh",
                          tr(zh, "Session energy", "本次充电量"), r.sessionPartial ? ">" : "",
                          r.sessionKWh);
            lines.push_back(text);
        }
        std::snprintf(text, sizeof text, "%s: %.0f kWh", tr(zh, "Energy today", "今日电量"),
                      r.energyTodayKWh);
        lines.push_back(text);
    }
    return lines;
}

void drawServicePanel(const ServicePanelContext& c) {
    if (!c.services || c.services->empty() || !c.portfolio) return;
    if (c.services->drones().empty() && c.services->chargers().empty()) return;
    const bool zh = c.chinese;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Top, right of the status overlay and left of the selection panel.
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.6f, vp->WorkPos.y + 12),
                            ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(580, std::max(260.0f, vp->WorkSize.y * 0.44f)),
                             ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowCollapsed(c.openTab == nullptr, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.85f);
    if (!ImGui::Begin(tr(zh, "Service scenes###services", "服务场景###services"), nullptr,
                      ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return;
    }
    // --view picks the tab once; afterwards the operator's choice stands.
    static bool tabChosen = false;
    const std::string open = c.openTab && !tabChosen ? c.openTab : "";
    tabChosen = true;
    const auto& selLines = serviceSelectionLines(*c.services, c.selected, zh);
    if (!selLines.empty()) {
        ImGui::TextColored(imColor(0x1fb8c9), "%s", c.portfolio->entity(c.selected).name.c_str());
        for (const std::string& line : selLines)
            ImGui::TextUnformatted(line.c_str());
        ImGui::Separator();
    }
    if (ImGui::BeginTabBar("service tabs")) {
        if (!c.services->drones().empty() &&
            ImGui::BeginTabItem(tr(zh, "Drones###drones", "低空经济 无人机###drones"), nullptr,
                                open == "drone" ? ImGuiTabItemFlags_SetSelected : 0)) {
            drawDrones(c);
            ImGui::EndTabItem();
        }
        if (!c.services->chargers().empty() &&
            ImGui::BeginTabItem(tr(zh, "EV charging###ev", "新能源 充电###ev"), nullptr,
                                open == "ev" ? ImGuiTabItemFlags_SetSelected : 0)) {
            drawEv(c, c.services->dataTimeMs());
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

}  // namespace pt::viewer
