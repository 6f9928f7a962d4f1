#include "viewer/data_panels.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "twin/kpi.h"
#include "twin/live_data.h"
#include "viewer/i18n.h"

namespace pt::viewer {
namespace {

const char* tr(const DataPanelContext& c, const char* en, const char* zh) {
    return c.chinese ? zh : en;
}

const char* layerName(const DataPanelContext& c, const std::string& layer) {
    static const struct {
        const char* id;
        const char* zh;
    } kNames[] = {{"occupancy", "入驻人数"}, {"power", "功率"},      {"energy", "能耗"},
                  {"chargers", "充电桩"},    {"drones", "无人机"},   {"comfort", "舒适度"},
                  {"co2", "二氧化碳"},       {"temperature", "温度"}};
    if (c.chinese)
        for (const auto& n : kNames)
            if (layer == n.id) return n.zh;
    return layer.c_str();
}

// `text` cut at a character boundary with "..." so that it fits in `maxPixels`.
std::string fitText(const std::string& text, float maxPixels) {
    if (ImGui::CalcTextSize(text.c_str()).x <= maxPixels) return text;
    std::string cut = text;
    while (!cut.empty()) {
        size_t end = cut.size() - 1;
        while (end > 0 && (uint8_t(cut[end]) & 0xc0) == 0x80)  // back to a lead byte
            --end;
        cut.resize(end);
        if (ImGui::CalcTextSize((cut + "...").c_str()).x <= maxPixels) break;
    }
    return cut + "...";
}

const ImVec4 kLevelColour[] = {
    {0.6f, 0.6f, 0.6f, 1}, {0.3f, 0.6f, 1, 1}, {1, 0.6f, 0, 1}, {1, 0.2f, 0.15f, 1}};

// Connection state and how old the newest data is: green live, amber late, red stale or down.
void drawDataStatus(const DataPanelContext& c) {
    const double age = c.dataAgeSeconds;
    const ImVec4 colour = age < 0 || age > 60 ? ImVec4(1, 0.35f, 0.3f, 1)
                          : age > 10          ? ImVec4(1, 0.75f, 0.2f, 1)
                                              : ImVec4(0.4f, 0.85f, 0.45f, 1);
    ImGui::TextColored(colour, "●");
    ImGui::SameLine();
    if (age < 0) {
        ImGui::Text("%s %s", c.live->sourceStatus().c_str(), tr(c, "- no data yet", "- 尚无数据"));
    } else {
        ImGui::Text(tr(c, "%s, last data %.0f s ago", "%s, 最新数据 %.0f 秒前"),
                    c.live->sourceStatus().c_str(), age);
    }
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

}  // namespace

void drawKpiPanel(const DataPanelContext& c) {
    if (!c.live || !c.portfolio) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Anchored every frame: an auto-sized window grows from its corner, not off the screen.
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 12, vp->WorkPos.y + vp->WorkSize.y - 12),
                            ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowBgAlpha(0.85f);
    if (!ImGui::Begin(tr(c, "Key figures###kpi", "核心指标###kpi"), nullptr,
                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing)) {
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
    drawDataStatus(c);
    ImGui::TextDisabled("%s", scope == park::kNoEntity ? tr(c, "Whole portfolio", "全部园区")
                                                       : c.portfolio->entity(scope).id.c_str());
    if (ImGui::BeginTable("##kpis", 2, ImGuiTableFlags_SizingFixedFit)) {
        auto figure = [&](const char* name, const char* format, auto... values) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", name);
            ImGui::TableNextColumn();
            ImGui::Text(format, values...);
        };
        if (k.vacancyByArea)
            figure(tr(c, "Vacancy rate", "空置率"),
                   tr(c, "%.1f %%  (%d of %d units)", "%.1f %%  (%d / %d 单元)"),
                   *k.vacancyByArea * 100.0, k.vacantUnits, k.units);
        figure(tr(c, "People on site", "在园人数"), tr(c, "%.0f of %d", "%.0f / %d"),
               k.peopleOnSite, k.capacity);
        figure(tr(c, "Power now", "实时功率"), "%.0f kW", k.powerKw);
        if (k.energyTodayKwh)
            figure(tr(c, "Energy today", "今日能耗"), "%.0f kWh", *k.energyTodayKwh);
        figure(tr(c, "Chargers in use", "充电桩使用"),
               tr(c, "%d of %d, %d faulted", "%d / %d, 故障 %d"), k.chargers.inUse,
               k.chargers.total, k.chargers.faulted);
        figure(tr(c, "Drones airborne", "无人机在飞"), tr(c, "%d of %d", "%d / %d"),
               k.dronesAirborne, k.drones);
        figure(tr(c, "Open alerts", "未处理告警"), "%d", k.openAlerts);
        ImGui::EndTable();
    }
    if (!k.topBuildings.empty() || !k.topTenants.empty()) {
        // Open by default where there is room (a small window keeps it folded).
        ImGui::SetNextItemOpen(vp->WorkSize.y >= 800, ImGuiCond_FirstUseEver);
        const bool open =
            ImGui::CollapsingHeader(tr(c, "Top consumers (kW)###top", "能耗排行 (kW)###top"));
        // Buildings, then tenants: names cut to the panel's width (whole UTF-8 characters).
        if (open && ImGui::BeginTable("##top", 2, ImGuiTableFlags_SizingFixedFit)) {
            for (const auto* list : {&k.topBuildings, &k.topTenants})
                for (size_t i = 0; i < list->size() && i < 3; ++i) {
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(fitText((*list)[i].label, 230).c_str());
                    ImGui::TableNextColumn();
                    ImGui::Text("%6.0f", (*list)[i].powerKw);
                }
            ImGui::EndTable();
        }
    }
    const int stale = k.power.stale + k.occupancy.stale;
    if (stale > 0)
        ImGui::TextColored(ImVec4(0.7f, 0.7f, 0.7f, 1),
                           tr(c, "%d stale sources (grey)", "%d 个数据源过期 (灰色)"), stale);
    ImGui::End();
}

float drawLayerPanel(const DataPanelContext& c) {
    if (!c.live) return 0;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x - 12, vp->WorkPos.y + vp->WorkSize.y - 12),
        ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(0.85f);
    if (!ImGui::Begin(tr(c, "Layers###layers", "图层###layers"), nullptr,
                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return ImGui::GetWindowHeight();
    }
    const std::vector<std::string> layers = c.live->layers();
    for (size_t i = 0; i < layers.size(); ++i) {
        if (i % 2 == 1) ImGui::SameLine(130);
        ImGui::PushID(int(i));
        if (ImGui::RadioButton(layerName(c, layers[i]), layers[i] == c.live->layer()))
            c.commands->push(LayerCommand{layers[i]});
        ImGui::PopID();
    }
    ImGui::Separator();
    for (const data::Rule& rule : c.live->rules().rules) {
        if (rule.layer != c.live->layer() || rule.legend.empty()) continue;
        ImGui::TextDisabled("%s", std::string(termText(rule.id, c.chinese)).c_str());
        for (const data::LegendEntry& e : rule.legend) {
            ImGui::ColorButton(e.label.c_str(), toImColor(e.color), ImGuiColorEditFlags_NoTooltip,
                               ImVec2(14, 14));
            ImGui::SameLine();
            ImGui::TextUnformatted(std::string(termText(e.label, c.chinese)).c_str());
        }
    }
    const float height = ImGui::GetWindowHeight();
    ImGui::End();
    return height;
}

void drawAlertPanel(const DataPanelContext& c, AlertFilter& filter, float layersHeight) {
    if (!c.live || !c.portfolio) return;
    const auto active = c.live->alerts().active();
    std::vector<const data::Alert*> shown;
    for (const data::Alert* a : active) {
        if (int(a->level) < filter.minLevel) continue;
        if (a->acknowledged && !filter.showAcknowledged) continue;
        if (!filter.text.empty() && a->entity.find(filter.text) == std::string::npos &&
            a->ruleId.find(filter.text) == std::string::npos)
            continue;
        shown.push_back(a);
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Right column, below the selection panel (top, at most 40 % of the height), at most down to
    // the layers panel (bottom right); only as tall as its rows, so that a quiet park leaves the
    // view free.
    const float top = vp->WorkPos.y + vp->WorkSize.y * 0.4f + 20;
    const float bottom = vp->WorkPos.y + vp->WorkSize.y - 12 - layersHeight - 8;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float rows = float(std::max<size_t>(shown.size(), 1));
    const float content = ImGui::GetFrameHeight() + 2 * style.WindowPadding.y +
                          ImGui::GetFrameHeightWithSpacing() +
                          rows * ImGui::GetTextLineHeightWithSpacing() + style.ItemSpacing.y;
    const float height = std::max(std::min(content, bottom - top), ImGui::GetFrameHeight() * 4);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 12, top), ImGuiCond_Always,
                            ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(540, height), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.85f);
    char title[96];
    std::snprintf(title, sizeof(title), "%s (%zu)###alerts", tr(c, "Alerts", "告警"),
                  active.size());
    if (!ImGui::Begin(title, nullptr, ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return;
    }
    const char* levels[] = {tr(c, "all levels", "全部级别"), tr(c, "info+", "提示及以上"),
                            tr(c, "warning+", "警告及以上"), tr(c, "critical", "严重")};
    ImGui::SetNextItemWidth(120);
    ImGui::Combo("##level", &filter.minLevel, levels, 4);
    ImGui::SameLine();
    std::array<char, 96> text{};
    filter.text.copy(text.data(), text.size() - 1);
    ImGui::SetNextItemWidth(150);
    if (ImGui::InputTextWithHint("##filter", tr(c, "filter entity/rule", "筛选对象/规则"),
                                 text.data(), text.size()))
        filter.text = text.data();
    ImGui::SameLine();
    ImGui::Checkbox(tr(c, "acked", "已确认"), &filter.showAcknowledged);
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(c, "Ack all", "全部确认"))) c.commands->push(AlertCommand{"ackAll"});
    ImGui::BeginChild("##alertlist");
    if (shown.empty()) {
        ImGui::TextDisabled("%s", active.empty() ? tr(c, "No active alerts", "无活动告警")
                                                 : tr(c, "None match the filter", "无匹配的告警"));
    }
    ImGuiListClipper clipper;
    clipper.Begin(int(shown.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const data::Alert* a = shown[size_t(i)];
            ImGui::PushID(int(a->id));
            ImGui::TextColored(kLevelColour[std::min<int>(int(a->level), 3)], "%s",
                               alertLevelText(a->level, c.chinese));
            ImGui::SameLine(70);
            ImGui::TextDisabled("%s", clockText(a->raisedMs).c_str());
            ImGui::SameLine();
            // Clicking the entity selects it and flies there.
            if (ImGui::SmallButton(a->entity.c_str())) {
                c.commands->push(SelectCommand{a->entity});
                c.commands->push(FlyToCommand{a->entity});
            }
            ImGui::SameLine();
            ImGui::Text("%s  %s", std::string(termText(a->value, c.chinese)).c_str(),
                        std::string(termText(a->ruleId, c.chinese)).c_str());
            ImGui::SameLine();
            if (a->acknowledged) {
                ImGui::TextDisabled("%s", tr(c, "acked", "已确认"));
            } else if (ImGui::SmallButton(tr(c, "Ack", "确认"))) {
                c.commands->push(AlertCommand{"ack", a->id});
            }
            ImGui::PopID();
        }
    ImGui::EndChild();
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
    ImGui::Text("%s %s",
                cursor.isLive() ? tr(c, "● live", "● 实时") : tr(c, "|| paused", "|| 暂停"),
                clockText(shown).c_str());
    ImGui::End();
}

}  // namespace pt::viewer
