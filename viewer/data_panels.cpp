#include "viewer/data_panels.h"

#include <imgui.h>

#include <chrono>
#include <ctime>

#include "twin/kpi.h"
#include "twin/live_data.h"
#include "viewer/i18n.h"

namespace pt::viewer {
namespace {

const char* tr(const DataPanelContext& c, const char* en, const char* zh) {
    return c.chinese ? zh : en;
}

ImVec4 toImColor(data::Rgba8 rgba) {
    return ImVec4(float(rgba & 0xff) / 255.0f, float((rgba >> 8) & 0xff) / 255.0f,
                  float((rgba >> 16) & 0xff) / 255.0f, 1.0f);
}

std::string clockText(int64_t ms, int utcOffsetMinutes = 8 * 60) {
    const std::time_t t = std::time_t(ms / 1000 + utcOffsetMinutes * 60);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof(text), "%m-%d %H:%M:%S", &tm);
    return text;
}

void panel(ImVec2 pos, ImVec2 pivot) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_FirstUseEver, pivot);
    ImGui::SetNextWindowBgAlpha(0.85f);
}

}  // namespace

void drawKpiPanel(const DataPanelContext& c) {
    if (!c.live || !c.portfolio) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    panel(ImVec2(vp->WorkPos.x + 12, vp->WorkPos.y + vp->WorkSize.y - 12), ImVec2(0, 1));
    if (!ImGui::Begin(tr(c, "Key figures###kpi", "核心指标###kpi"), nullptr,
                      ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    const park::EntityIndex scope =
        c.scope == park::kNoEntity
            ? park::kNoEntity
            : c.portfolio->ancestorOfKind(c.scope, park::EntityKind::Building);
    const int64_t now = c.live->cursor().cursorMs();
    const twin::Kpis k =
        twin::computeKpis(*c.portfolio, scope, c.live->store(), &c.live->alerts(), now);
    ImGui::TextDisabled("%s", scope == park::kNoEntity ? tr(c, "Portfolio", "全部园区")
                                                       : c.portfolio->entity(scope).id.c_str());
    if (k.vacancyByArea)
        ImGui::Text("%s %.1f %%  (%d / %d %s)", tr(c, "Vacancy", "空置率"),
                    *k.vacancyByArea * 100.0, k.vacantUnits, k.units, tr(c, "units", "单元"));
    ImGui::Text("%s %.0f / %d", tr(c, "People on site", "在园人数"), k.peopleOnSite, k.capacity);
    ImGui::Text("%s %.0f kW", tr(c, "Power now", "实时功率"), k.powerKw);
    if (k.energyTodayKwh)
        ImGui::Text("%s %.0f kWh", tr(c, "Energy today", "今日能耗"), *k.energyTodayKwh);
    ImGui::Text("%s %d / %d, %s %d", tr(c, "Chargers in use", "充电桩使用"), k.chargers.inUse,
                k.chargers.total, tr(c, "faulted", "故障"), k.chargers.faulted);
    ImGui::Text("%s %d / %d", tr(c, "Drones airborne", "无人机在飞"), k.dronesAirborne, k.drones);
    ImGui::Text("%s %d", tr(c, "Open alerts", "未处理告警"), k.openAlerts);
    if (!k.topBuildings.empty()) {
        ImGui::Separator();
        ImGui::TextDisabled("%s", tr(c, "Top consumers", "能耗排行"));
        for (const twin::Consumer& t : k.topBuildings)
            ImGui::Text("  %-10s %8.0f kW", t.label.c_str(), t.powerKw);
    }
    const int stale = k.power.stale + k.occupancy.stale;
    if (stale > 0)
        ImGui::TextColored(ImVec4(0.7f, 0.7f, 0.7f, 1), "%d %s", stale,
                           tr(c, "stale sources", "数据过期"));
    ImGui::End();
}

void drawLayerPanel(const DataPanelContext& c) {
    if (!c.live) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    panel(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 12, vp->WorkPos.y + vp->WorkSize.y - 12),
          ImVec2(1, 1));
    if (!ImGui::Begin(tr(c, "Layers###layers", "图层###layers"), nullptr,
                      ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    for (const std::string& layer : c.live->layers())
        if (ImGui::RadioButton(layer.c_str(), layer == c.live->layer()))
            c.commands->push(LayerCommand{layer});
    ImGui::Separator();
    for (const data::Rule& rule : c.live->rules().rules) {
        if (rule.layer != c.live->layer() || rule.legend.empty()) continue;
        ImGui::TextDisabled("%s", rule.id.c_str());
        for (const data::LegendEntry& e : rule.legend) {
            ImGui::ColorButton(e.label.c_str(), toImColor(e.color), ImGuiColorEditFlags_NoTooltip,
                               ImVec2(14, 14));
            ImGui::SameLine();
            ImGui::TextUnformatted(e.label.c_str());
        }
    }
    ImGui::End();
}

void drawAlertPanel(const DataPanelContext& c) {
    if (!c.live || !c.portfolio) return;
    const auto active = c.live->alerts().active();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    panel(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 12, vp->WorkPos.y + vp->WorkSize.y * 0.3f),
          ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(430, 170), ImGuiCond_FirstUseEver);
    char title[96];
    std::snprintf(title, sizeof(title), "%s (%zu)###alerts", tr(c, "Alerts", "告警"),
                  active.size());
    if (!ImGui::Begin(title)) {
        ImGui::End();
        return;
    }
    if (ImGui::SmallButton(tr(c, "Acknowledge all", "全部确认")))
        c.commands->push(AlertCommand{"ackAll"});
    static const ImVec4 kLevel[] = {
        {0.6f, 0.6f, 0.6f, 1}, {0.3f, 0.6f, 1, 1}, {1, 0.6f, 0, 1}, {1, 0.2f, 0.15f, 1}};
    for (const data::Alert* a : active) {
        ImGui::PushID(int(a->id));
        ImGui::TextColored(kLevel[std::min<int>(int(a->level), 3)], "%s",
                           std::string(data::alertLevelName(a->level)).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", clockText(a->raisedMs).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(a->entity.c_str())) {
            c.commands->push(SelectCommand{a->entity});
            c.commands->push(FlyToCommand{a->entity});
        }
        ImGui::SameLine();
        ImGui::Text("%s  %s", a->value.c_str(), a->ruleId.c_str());
        if (!a->acknowledged) {
            ImGui::SameLine();
            if (ImGui::SmallButton(tr(c, "Ack", "确认")))
                c.commands->push(AlertCommand{"ack", a->id});
        }
        ImGui::PopID();
    }
    ImGui::End();
}

void drawTimeBar(const DataPanelContext& c) {
    if (!c.live) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - 12),
        ImGuiCond_Always, ImVec2(0.5f, 1));
    ImGui::SetNextWindowBgAlpha(0.85f);
    if (!ImGui::Begin("###timebar", nullptr,
                      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize |
                          ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    data::TimeCursor& cursor = c.live->cursor();
    const int64_t shown = cursor.cursorMs();
    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    if (ImGui::Button(tr(c, "Live", "实时"))) c.commands->push(TimeCommand{"live"});
    ImGui::SameLine();
    if (ImGui::Button(tr(c, "Pause", "暂停"))) c.commands->push(TimeCommand{"pause"});
    ImGui::SameLine();
    if (ImGui::Button(tr(c, "Replay x60", "回放 x60")))
        c.commands->push(TimeCommand{"play", 0, 60.0});
    ImGui::SameLine();
    // Scrub back up to 24 h (the store's coarse history).
    float hoursBack = float(double(now - shown) / 3.6e6);
    ImGui::SetNextItemWidth(260);
    if (ImGui::SliderFloat("##scrub", &hoursBack, 24.0f, 0.0f, tr(c, "%.1f h ago", "%.1f 小时前")))
        c.commands->push(TimeCommand{"scrub", now - int64_t(double(hoursBack) * 3.6e6)});
    ImGui::SameLine();
    ImGui::Text("%s %s", cursor.isLive() ? "●" : "⏸", clockText(shown).c_str());
    ImGui::End();
}

}  // namespace pt::viewer
