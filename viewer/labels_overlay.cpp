#include "viewer/labels_overlay.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "twin/label_layout.h"
#include "twin/live_data.h"
#include "viewer/i18n.h"

namespace pt::viewer {
namespace {

using park::EntityIndex;
using park::EntityKind;

struct Text {
    std::string line;
    ImU32 background;
};

// True if `shown` (the entity at a pixel) is `entity`, one of its parts, or its parent:
// a building label anchored on its roof sees the roof (the building) or a floor.
bool sameThing(const park::Portfolio& p, EntityIndex entity, uint32_t shown) {
    if (shown >= p.entities().size()) return false;
    for (EntityIndex e = shown; e != park::kNoEntity; e = p.entity(e).parent)
        if (e == entity) return true;
    return p.entity(entity).parent == shown;
}

glm::vec3 topCentre(const assets::Bounds& b) {
    return {(b.min.x + b.max.x) * 0.5f, b.max.y, (b.min.z + b.max.z) * 0.5f};
}

void collect(const LabelFrame& f, std::vector<twin::LabelCandidate>& candidates,
             std::vector<Text>& texts) {
    const park::Portfolio& p = f.park->portfolio;
    const EntityIndex selected = f.inspection->selected;
    const EntityIndex focusBuilding = selected == park::kNoEntity
                                          ? park::kNoEntity
                                          : p.ancestorOfKind(selected, EntityKind::Building);
    const EntityIndex focusFloor = selected == park::kNoEntity
                                       ? park::kNoEntity
                                       : p.ancestorOfKind(selected, EntityKind::Floor);
    auto add = [&](EntityIndex e, glm::vec3 anchor, std::string line, float priority, ImU32 bg) {
        const ImVec2 size = ImGui::CalcTextSize(line.c_str());
        candidates.push_back(
            {anchor, glm::vec2(size.x + 10, size.y + 4) / f.windowScale, priority, e});
        texts.push_back({std::move(line), bg});
    };
    for (EntityIndex b : p.ofKind(EntityKind::Building)) {
        const auto& bounds = f.park->entityBounds[b];
        if (bounds.empty() || (b < f.states.size() && (f.states[b].flags & PT_ENTITY_FLAG_HIDDEN)))
            continue;
        const park::Entity& e = p.entity(b);
        std::string line = e.id.substr(e.id.find('/') + 1);
        if (!e.name.empty()) line += "  " + e.name;
        add(b, topCentre(bounds) + glm::vec3(0, 2, 0), line,
            b == focusBuilding ? 100.0f : bounds.max.y / 10.0f, IM_COL32(20, 28, 40, 210));
    }
    if (focusBuilding != park::kNoEntity)
        for (EntityIndex fl : p.children(focusBuilding)) {
            if (p.entity(fl).kind != EntityKind::Floor) continue;
            const auto& b = f.park->entityBounds[fl];
            if (b.empty() || (fl < f.states.size() && (f.states[fl].flags & PT_ENTITY_FLAG_HIDDEN)))
                continue;
            add(fl, {b.max.x, (b.min.y + b.max.y) * 0.5f, b.max.z}, p.entity(fl).name,
                fl == focusFloor ? 90.0f : 50.0f, IM_COL32(10, 70, 110, 220));
        }
    if (focusFloor != park::kNoEntity)
        for (EntityIndex u : p.children(focusFloor)) {
            if (p.entity(u).kind != EntityKind::Unit) continue;
            const auto& b = f.park->entityBounds[u];
            if (b.empty()) continue;
            const park::Unit& unit = p.unit(u);
            std::string line = unit.tenant.empty() ? leaseName(unit.lease, f.chinese) : unit.tenant;
            if (f.live) {
                const std::string value = f.live->label(u);
                if (!value.empty()) line += "  " + value;
            }
            add(u, topCentre(b), line, u == selected ? 80.0f : 40.0f, IM_COL32(30, 30, 30, 200));
        }
}

// Pulsing badges for entities in alert: the pulse stops once acknowledged.
void drawBadges(const LabelFrame& f, ImDrawList* draw) {
    const park::Portfolio& p = f.park->portfolio;
    const glm::mat4 viewProj = f.camera.viewProjection(f.framebuffer.x / f.framebuffer.y);
    for (EntityIndex e = 0; e < f.states.size() && e < p.entities().size(); ++e) {
        const uint32_t level = (f.states[e].flags & PT_ENTITY_ALERT_MASK) >> PT_ENTITY_ALERT_SHIFT;
        if (level == 0 || f.park->entityBounds[e].empty() ||
            (f.states[e].flags & PT_ENTITY_FLAG_HIDDEN))
            continue;
        const EntityKind kind = p.entity(e).kind;
        if (kind == EntityKind::Park || kind == EntityKind::Building)
            continue;  // shown on their parts
        const auto pixel =
            twin::projectToPixel(topCentre(f.park->entityBounds[e]), viewProj, f.framebuffer);
        if (!pixel || std::any_of(f.covered.begin(), f.covered.end(),
                                  [&](const twin::LabelRect& r) { return r.contains(*pixel); }))
            continue;
        const bool unacknowledged = f.states[e].flags & PT_ENTITY_FLAG_ALERT_UNACKNOWLEDGED;
        const float pulse = unacknowledged ? 0.5f + 0.5f * std::sin(f.timeSeconds * 5.0f) : 0.0f;
        const ImU32 colour = level >= 3   ? IM_COL32(230, 30, 20, 255)
                             : level == 2 ? IM_COL32(245, 150, 0, 255)
                                          : IM_COL32(40, 130, 255, 255);
        const ImVec2 c(pixel->x * f.windowScale, pixel->y * f.windowScale);
        draw->AddCircleFilled(c, 9.0f + 5.0f * pulse,
                              (colour & 0x00ffffff) | (IM_COL32_A_MASK & IM_COL32(0, 0, 0, 90)));
        draw->AddCircleFilled(c, 8.0f, colour);
        draw->AddText(ImVec2(c.x - 2.5f, c.y - 8.0f), IM_COL32_WHITE, "!");
    }
}

}  // namespace

void drawLabels(const LabelFrame& f) {
    if (!f.park || !f.inspection || f.framebuffer.x <= 0 || f.framebuffer.y <= 0) return;
    std::vector<twin::LabelCandidate> candidates;
    std::vector<Text> texts;
    collect(f, candidates, texts);
    const glm::mat4 viewProj = f.camera.viewProjection(f.framebuffer.x / f.framebuffer.y);
    const park::Portfolio& p = f.park->portfolio;
    const auto occluded = [&](const twin::LabelCandidate& c, glm::vec2 pixel) {
        if (f.ids.width == 0) return false;  // no id image yet: do not hide anything
        const uint32_t x = std::min(uint32_t(pixel.x), f.ids.width - 1);
        const uint32_t y = std::min(uint32_t(pixel.y), f.ids.height - 1);
        const uint32_t shown = f.ids.at(x, y);
        // Sky (nothing) above a roof anchor is fine; another building in front is not.
        return shown != render::kNoEntity && !sameThing(p, c.entity, shown);
    };
    twin::LabelLayoutOptions options;
    options.covered.assign(f.covered.begin(), f.covered.end());
    const twin::LabelLayout layout =
        twin::layoutLabels(candidates, viewProj, f.framebuffer, occluded, options);
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const float s = f.windowScale;
    for (const twin::PlacedLabel& l : layout.labels) {
        const Text& t = texts[l.candidate];
        const ImVec2 a(l.rect.min.x * s, l.rect.min.y * s), b(l.rect.max.x * s, l.rect.max.y * s);
        draw->AddLine(ImVec2(l.anchorPixel.x * s, l.anchorPixel.y * s),
                      ImVec2((a.x + b.x) * 0.5f, b.y), IM_COL32(255, 255, 255, 140));
        draw->AddRectFilled(a, b, t.background, 4.0f);
        draw->AddText(ImVec2(a.x + 5, a.y + 2), IM_COL32_WHITE, t.line.c_str());
    }
    for (const twin::LabelCluster& c : layout.clusters) {
        const ImVec2 centre((c.rect.min.x + c.rect.max.x) * 0.5f * s,
                            (c.rect.min.y + c.rect.max.y) * 0.5f * s);
        draw->AddCircleFilled(centre, 14.0f, IM_COL32(10, 70, 110, 230));
        const std::string count = std::to_string(c.count);
        const ImVec2 size = ImGui::CalcTextSize(count.c_str());
        draw->AddText(ImVec2(centre.x - size.x * 0.5f, centre.y - size.y * 0.5f), IM_COL32_WHITE,
                      count.c_str());
    }
    drawBadges(f, ImGui::GetBackgroundDrawList());  // under the panels, like the labels
}

std::vector<twin::LabelRect> panelRectsLastFrame(float windowScale) {
    std::vector<twin::LabelRect> out;
    const ImGuiContext* context = ImGui::GetCurrentContext();
    if (!context || windowScale <= 0.0f) return out;
    // imgui_internal: the windows list with last frame's state (WasActive; the implicit
    // "Debug" window is inactive unless something was drawn into it).
    for (const ImGuiWindow* w : context->Windows) {
        if (!w->WasActive || w->Hidden || (w->Flags & ImGuiWindowFlags_ChildWindow)) continue;
        out.push_back({glm::vec2(w->Pos.x, w->Pos.y) / windowScale,
                       glm::vec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y) / windowScale});
    }
    return out;
}

}  // namespace pt::viewer
