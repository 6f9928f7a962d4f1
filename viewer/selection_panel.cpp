#include "viewer/selection_panel.h"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "twin/kpi.h"
#include "twin/live_data.h"
#include "viewer/i18n.h"

namespace pt::viewer {
namespace {

constexpr float kKeyColumn = 118.0f;
constexpr int64_t kHistoryWindowMs = 60 * 60'000;  // the sparklines show up to the last hour
constexpr int kHistoryPoints = 90;
constexpr int64_t kStaleAfterMs = 15 * 60'000;  // as the default rules' staleAfter

void row(const char* key, const std::string& value) {
    ImGui::TextDisabled("%s", key);
    ImGui::SameLine(kKeyColumn);
    ImGui::TextUnformatted(value.c_str());
}

std::string number(double v, const char* unit, int decimals = 1) {
    char text[64];
    std::snprintf(text, sizeof(text), "%.*f %s", decimals, v, unit);
    return text;
}

bool isUnder(std::string_view id, std::string_view scope) {
    return id == scope || (id.size() > scope.size() && id.substr(0, scope.size()) == scope &&
                           id[scope.size()] == '/');
}

void attributes(const park::Portfolio& p, park::EntityIndex e, bool zh) {
    using park::EntityKind;
    switch (p.entity(e).kind) {
        case EntityKind::Building: {
            const park::Building& b = p.building(e);
            row(tr(zh, "use", "用途"), useName(b.use, zh));
            row(tr(zh, "floors", "楼层数"), std::to_string(p.children(e).size()));
            break;
        }
        case EntityKind::Floor: {
            const park::Floor& f = p.floor(e);
            row(tr(zh, "floor", "楼层"),
                f.number < 0 ? "B" + std::to_string(-f.number) : std::to_string(f.number) + "F");
            row(tr(zh, "elevation", "标高"), number(f.elevation, "m"));
            row(tr(zh, "height", "层高"), number(f.height, "m"));
            row(tr(zh, "load rating", "荷载"), number(f.loadRating, "kN/m²"));
            row(tr(zh, "units", "单元数"), std::to_string(p.children(e).size()));
            break;
        }
        case EntityKind::Unit: {
            const park::Unit& u = p.unit(e);
            row(tr(zh, "tenant", "入驻企业"), u.tenant.empty() ? "—" : u.tenant);
            row(tr(zh, "industry", "产业"), u.industry.empty() ? "—" : u.industry);
            row(tr(zh, "lease", "租赁状态"), leaseName(u.lease, zh));
            row(tr(zh, "area", "面积"), number(u.area, "m²", 0));
            row(tr(zh, "capacity", "容纳人数"),
                std::to_string(u.capacity) + tr(zh, " people", " 人"));
            break;
        }
        case EntityKind::Zone:
            row(tr(zh, "zone", "区域"), zoneKindName(park::zoneKind(p.zone(e)), zh));
            break;
        case EntityKind::Device:
            row(tr(zh, "device", "设备"), deviceKindName(p.device(e).kind, zh));
            break;
        case EntityKind::Park:
            row(tr(zh, "buildings", "楼栋数"), std::to_string(p.children(e).size()));
            break;
    }
}

// One live quantity: its current value (or why there is none) and a sparkline of its history.
void liveRow(const char* key, const std::string& value, const twin::HistorySeries& history,
             const char* unit, ImVec4 colour) {
    row(key, value);
    if (history.values.size() < 2) return;
    ImGui::PushStyleColor(ImGuiCol_PlotLines, colour);
    const float span = std::max(history.max - history.min, 1e-3f);
    const double seconds = double(history.toMs - history.fromMs) / 1000.0;
    char overlay[64];
    std::snprintf(overlay, sizeof(overlay), "%.3g - %.3g %s, %.0f %s", double(history.min),
                  double(history.max), unit, seconds < 120 ? seconds : seconds / 60,
                  seconds < 120 ? "s" : "min");
    ImGui::PlotLines((std::string("##") + key).c_str(), history.values.data(),
                     int(history.values.size()), 0, overlay, history.min - span * 0.1f,
                     history.max + span * 0.1f, ImVec2(330, 34));
    ImGui::PopStyleColor();
}

}  // namespace

void SelectionPanel::draw(const SelectionPanelContext& c) {
    if (!c.portfolio) return;
    const park::Portfolio& p = *c.portfolio;
    if (c.selected == park::kNoEntity || c.selected >= p.entities().size()) return;
    const bool zh = c.chinese;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 12, vp->WorkPos.y + 12),
                            ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.85f);
    ImGui::SetNextWindowSizeConstraints(ImVec2(340, 0),
                                        ImVec2(400, std::max(200.0f, vp->WorkSize.y * 0.4f)));
    if (!ImGui::Begin(tr(zh, "Selection###selection", "选中对象###selection"), nullptr,
                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                          ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return;
    }
    const park::Entity& entity = p.entity(c.selected);
    ImGui::TextUnformatted(entity.name.empty() ? entity.id.c_str() : entity.name.c_str());
    ImGui::TextDisabled("%s  %s", kindName(entity.kind, zh), entity.id.c_str());
    ImGui::Separator();
    attributes(p, c.selected, zh);
    if (c.live) {
        drawLive(c);
        drawAlerts(c);
    }
    ImGui::End();
}

void SelectionPanel::drawLive(const SelectionPanelContext& c) {
    const bool zh = c.chinese;
    const park::Portfolio& p = *c.portfolio;
    const data::TelemetryStore& store = c.live->store();
    const data::EntityKey key = store.find(p.entity(c.selected).id);
    const int64_t now = c.live->cursor().cursorMs();
    // Histories walk the subtree at every sample: refresh them once a second.
    if (m_sampledFor != c.selected || std::abs(now - m_sampledAtMs) >= 1000) {
        const twin::HistoryQuantity quantities[3] = {twin::HistoryQuantity::Occupancy,
                                                     twin::HistoryQuantity::Power,
                                                     twin::HistoryQuantity::EnergyToday};
        for (int i = 0; i < 3; ++i)
            m_history[size_t(i)] = twin::sampleHistory(store, key, quantities[i],
                                                       now - kHistoryWindowMs, now, kHistoryPoints);
        m_sampledFor = c.selected;
        m_sampledAtMs = now;
    }
    ImGui::Separator();
    const char* noData = tr(zh, "no data", "无数据");
    auto freshness = [&](const data::Aggregate& a, std::string text) {
        if (a.sources == 0) return std::string(noData);
        if (now - a.oldestTsMs > kStaleAfterMs) text += tr(zh, "  (stale)", "  (数据过期)");
        return text;
    };
    const data::Aggregate occupancy = store.aggregate(key, data::Channel::Occupancy, now);
    const double capacity = store.capacity(key);
    std::string occText = number(occupancy.sum, tr(zh, "people", "人"), 0);
    if (capacity > 0) occText += number(100.0 * occupancy.sum / capacity, "%)", 0).insert(0, "  (");
    liveRow(tr(zh, "occupancy", "在场人数"), freshness(occupancy, occText), m_history[0],
            tr(zh, "people", "人"), ImVec4(0.45f, 0.8f, 1.0f, 1));
    const data::Aggregate power = store.aggregate(key, data::Channel::Power, now);
    liveRow(tr(zh, "power", "实时功率"), freshness(power, number(power.sum, "kW")), m_history[1],
            "kW", ImVec4(1.0f, 0.75f, 0.3f, 1));
    const auto energy =
        store.deltaSince(key, data::Channel::Energy, twin::localMidnightMs(now, 8 * 60), now);
    liveRow(tr(zh, "energy today", "今日能耗"), energy ? number(*energy, "kWh", 0) : noData,
            m_history[2], "kWh", ImVec4(0.6f, 0.9f, 0.5f, 1));
    const std::string label = c.live->label(c.selected);
    if (!label.empty()) row(tr(zh, "layer value", "图层数值"), std::string(termText(label, zh)));
}

void SelectionPanel::drawAlerts(const SelectionPanelContext& c) {
    const bool zh = c.chinese;
    const std::string& id = c.portfolio->entity(c.selected).id;
    std::vector<const data::Alert*> mine;
    for (const data::Alert* a : c.live->alerts().active())
        if (isUnder(a->entity, id)) mine.push_back(a);
    ImGui::Separator();
    if (mine.empty()) {
        ImGui::TextDisabled("%s", tr(zh, "no active alerts", "无活动告警"));
        return;
    }
    ImGui::Text("%s (%zu)", tr(zh, "Active alerts", "活动告警"), mine.size());
    static const ImVec4 kLevel[] = {
        {0.6f, 0.6f, 0.6f, 1}, {0.3f, 0.6f, 1, 1}, {1, 0.6f, 0, 1}, {1, 0.2f, 0.15f, 1}};
    for (size_t i = 0; i < mine.size() && i < 8; ++i) {
        const data::Alert* a = mine[i];
        ImGui::PushID(int(a->id));
        ImGui::TextColored(kLevel[std::min<int>(int(a->level), 3)], "%s",
                           alertLevelText(a->level, zh));
        ImGui::SameLine();
        ImGui::Text("%s  %s", a->entity == id ? "" : a->entity.substr(id.size() + 1).c_str(),
                    a->value.c_str());
        if (!a->acknowledged && c.commands) {
            ImGui::SameLine();
            if (ImGui::SmallButton(tr(zh, "Ack", "确认")))
                c.commands->push(AlertCommand{"ack", a->id});
        }
        ImGui::PopID();
    }
    if (mine.size() > 8)
        ImGui::TextDisabled(tr(zh, "... and %zu more", "... 另有 %zu 条"), mine.size() - 8);
}

}  // namespace pt::viewer
