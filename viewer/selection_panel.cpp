#include "viewer/selection_panel.h"

#include <imgui.h>

#include <string>

#include "twin/live_data.h"

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

void attributes(const park::Portfolio& p, park::EntityIndex e) {
    using park::EntityKind;
    switch (p.entity(e).kind) {
        case EntityKind::Building: {
            const park::Building& b = p.building(e);
            row("use", std::string(park::toString(b.use)));
            row("floors", std::to_string(p.children(e).size()));
            break;
        }
        case EntityKind::Floor: {
            const park::Floor& f = p.floor(e);
            row("floor",
                f.number < 0 ? "B" + std::to_string(-f.number) : std::to_string(f.number) + "F");
            row("elevation", number(f.elevation, "m"));
            row("height", number(f.height, "m"));
            row("load rating", number(f.loadRating, "kN/m²"));
            row("units", std::to_string(p.children(e).size()));
            break;
        }
        case EntityKind::Unit: {
            const park::Unit& u = p.unit(e);
            row("tenant", u.tenant.empty() ? "—" : u.tenant);
            row("industry", u.industry.empty() ? "—" : u.industry);
            row("lease", std::string(park::toString(u.lease)));
            row("area", number(u.area, "m²", 0));
            row("capacity", std::to_string(u.capacity) + " people");
            break;
        }
        case EntityKind::Zone:
            row("zone", std::string(park::toString(park::zoneKind(p.zone(e)))));
            break;
        case EntityKind::Device:
            row("device", std::string(park::toString(p.device(e).kind)));
            break;
        case EntityKind::Park:
            row("buildings", std::to_string(p.children(e).size()));
            break;
    }
}

}  // namespace

void drawSelectionPanel(const park::Portfolio& p, park::EntityIndex selected,
                        twin::LiveData* live) {
    if (selected == park::kNoEntity || selected >= p.entities().size()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 12, vp->WorkPos.y + 12),
                            ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.85f);
    ImGui::SetNextWindowSizeConstraints(ImVec2(300, 0), ImVec2(420, 600));
    if (!ImGui::Begin("Selection", nullptr,
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
    attributes(p, selected);
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
