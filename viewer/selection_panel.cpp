#include "viewer/selection_panel.h"

#include <imgui.h>

#include <string>

#include "twin/live_data.h"
#include "viewer/i18n.h"

namespace pt::viewer {
namespace {

void row(const char* key, const std::string& value) {
    ImGui::TextDisabled("%s", key);
    ImGui::SameLine(110);
    ImGui::TextUnformatted(value.c_str());
}

std::string number(double v, const char* unit, int decimals = 1) {
    char text[64];
    std::snprintf(text, sizeof(text), "%.*f %s", decimals, v, unit);
    return text;
}

void attributes(const park::Portfolio& p, park::EntityIndex e, bool zh) {
    using park::EntityKind;
    switch (p.entity(e).kind) {
        case EntityKind::Building: {
            const park::Building& b = p.building(e);
            row(tr(zh, "use", "用途"), std::string(park::toString(b.use)));
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
            row(tr(zh, "lease", "租赁状态"), std::string(park::toString(u.lease)));
            row(tr(zh, "area", "面积"), number(u.area, "m²", 0));
            row(tr(zh, "capacity", "容纳人数"),
                std::to_string(u.capacity) + tr(zh, " people", " 人"));
            break;
        }
        case EntityKind::Zone:
            row(tr(zh, "zone", "区域"), std::string(park::toString(park::zoneKind(p.zone(e)))));
            break;
        case EntityKind::Device:
            row(tr(zh, "device", "设备"), std::string(park::toString(p.device(e).kind)));
            break;
        case EntityKind::Park:
            row(tr(zh, "buildings", "楼栋数"), std::to_string(p.children(e).size()));
            break;
    }
}

}  // namespace

void drawSelectionPanel(const park::Portfolio& p, park::EntityIndex selected, twin::LiveData* live,
                        bool zh) {
    if (selected == park::kNoEntity || selected >= p.entities().size()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 12, vp->WorkPos.y + 12),
                            ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.85f);
    ImGui::SetNextWindowSizeConstraints(ImVec2(300, 0), ImVec2(420, 600));
    if (!ImGui::Begin(tr(zh, "Selection###selection", "选中对象###selection"), nullptr,
                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                          ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return;
    }
    const park::Entity& entity = p.entity(selected);
    ImGui::TextUnformatted(entity.name.empty() ? entity.id.c_str() : entity.name.c_str());
    ImGui::TextDisabled("%s  %s", std::string(park::toString(entity.kind)).c_str(),
                        entity.id.c_str());
    ImGui::Separator();
    attributes(p, selected, zh);
    if (live) {
        const std::string label = live->label(selected);
        if (!label.empty()) {
            ImGui::Separator();
            row(live->layer().c_str(), label);
        }
    }
    ImGui::End();
}

}  // namespace pt::viewer
