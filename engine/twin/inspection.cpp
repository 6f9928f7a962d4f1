#include "twin/inspection.h"

#include <algorithm>
#include <array>
#include <utility>

namespace pt::twin {

glm::vec4 sectionPlane(SectionAxis axis, float offset, bool flip) {
    glm::vec3 n(0.0f);
    n[int(axis)] = 1.0f;  // EastWest = x, Vertical = y, NorthSouth = z
    const float sign = flip ? -1.0f : 1.0f;
    return glm::vec4(n * sign, -offset * sign);
}
namespace {

using park::EntityIndex;
using park::EntityKind;
using park::kNoEntity;

constexpr std::array<std::pair<FloorMode, std::string_view>, 6> kModeNames{{
    {FloorMode::None, "none"},
    {FloorMode::Isolate, "isolate"},
    {FloorMode::Ghost, "ghost"},
    {FloorMode::Cutaway, "cutaway"},
    {FloorMode::Explode, "explode"},
    {FloorMode::Section, "section"},
}};

struct Focus {
    EntityIndex building = kNoEntity;
    EntityIndex floor = kNoEntity;
};

Focus focusOf(const park::Portfolio& portfolio, EntityIndex selected) {
    if (selected >= portfolio.entities().size()) return {};
    const EntityKind kind = portfolio.entity(selected).kind;
    if (kind == EntityKind::Park || kind == EntityKind::Zone) return {};
    return {portfolio.ancestorOfKind(selected, EntityKind::Building),
            portfolio.ancestorOfKind(selected, EntityKind::Floor)};
}

bool hasOwnGeometry(const ParkScene& scene, EntityIndex entity) {
    return entity < scene.entityBounds.size() && !scene.entityBounds[entity].empty();
}

glm::vec4 horizontalCut(float y) {
    return {0.0f, 1.0f, 0.0f, -y};
}

// What one mode does to the building-level entities (buildings, floors, units); everything
// else is left alone (see the header's rules).
struct ModeContext {
    FloorMode mode = FloorMode::None;
    Focus focus;
    bool focusFloorBanded = false;  // the focus floor has no geometry of its own
    bool ghostOthers = false;       // Cutaway with a plane: ghost the buildings it slices
    bool ghostShell = false;        // Explode in progress over per-floor geometry
};

std::uint32_t modeFlags(const park::Portfolio& portfolio, const ModeContext& ctx,
                        EntityIndex entity) {
    const EntityKind kind = portfolio.entity(entity).kind;
    if (kind != EntityKind::Building && kind != EntityKind::Floor && kind != EntityKind::Unit)
        return 0;
    if (ctx.focus.building == kNoEntity) return 0;
    const bool inFocusBuilding =
        portfolio.ancestorOfKind(entity, EntityKind::Building) == ctx.focus.building;
    const bool onFocusFloor =
        ctx.focus.floor != kNoEntity &&
        portfolio.ancestorOfKind(entity, EntityKind::Floor) == ctx.focus.floor;
    // Isolate and Ghost treat the rest of the focus building like this (floor focus only, and
    // only when the floor's geometry is separable from the building's).
    const bool partOfBuildingAffected =
        ctx.focus.floor != kNoEntity && !ctx.focusFloorBanded && !onFocusFloor;
    switch (ctx.mode) {
        case FloorMode::Isolate:
            if (!inFocusBuilding || partOfBuildingAffected) return PT_ENTITY_FLAG_HIDDEN;
            return 0;
        case FloorMode::Ghost:
            if (!inFocusBuilding || partOfBuildingAffected) return PT_ENTITY_FLAG_GHOST;
            return 0;
        case FloorMode::Cutaway:
            return ctx.ghostOthers && !inFocusBuilding ? PT_ENTITY_FLAG_GHOST : 0;
        case FloorMode::Explode:
            // The shell is ghosted so floors do not fly up through it; neighbouring buildings
            // would hide the spread-out floors from most views.
            if (ctx.ghostShell && (entity == ctx.focus.building || !inFocusBuilding))
                return PT_ENTITY_FLAG_GHOST;
            return 0;
        case FloorMode::None:
        case FloorMode::Section:
            return 0;
    }
    return 0;
}

std::vector<glm::vec3> explodeOffsets(const park::Portfolio& portfolio,
                                      const std::vector<EntityIndex>& floors, float step) {
    const auto entities = portfolio.entities();
    std::vector<glm::vec3> offsets(entities.size(), glm::vec3(0.0f));
    std::vector<float> floorLift(entities.size(), 0.0f);
    for (size_t k = 0; k < floors.size(); ++k)
        floorLift[floors[k]] = float(k) * step;
    for (EntityIndex e = 0; e < entities.size(); ++e) {
        const EntityIndex floor = portfolio.ancestorOfKind(e, EntityKind::Floor);
        if (floor != kNoEntity) offsets[e].y = floorLift[floor];
    }
    return offsets;
}

}  // namespace

std::optional<FloorMode> parseFloorMode(std::string_view text) {
    for (const auto& [mode, name] : kModeNames)
        if (name == text) return mode;
    return std::nullopt;
}

std::string_view toString(FloorMode mode) {
    for (const auto& [m, name] : kModeNames)
        if (m == mode) return name;
    return "none";
}

float floorSlabY(const ParkScene& scene, EntityIndex floor) {
    if (hasOwnGeometry(scene, floor)) return scene.entityBounds[floor].min.y;
    const park::Portfolio& p = scene.portfolio;
    const EntityIndex building = p.ancestorOfKind(floor, EntityKind::Building);
    const EntityIndex parkIndex = p.ancestorOfKind(floor, EntityKind::Park);
    return p.park(parkIndex).scenePosition.y + p.building(building).transform.position.y +
           p.floor(floor).elevation;
}

glm::vec4 cutawayPlane(const ParkScene& scene, EntityIndex floor) {
    const float height = scene.portfolio.floor(floor).height;
    const float above = height > 0.0f ? std::min(kCutawayHeight, 0.75f * height) : kCutawayHeight;
    return horizontalCut(floorSlabY(scene, floor) + above);
}

std::vector<EntityIndex> floorsByElevation(const park::Portfolio& portfolio, EntityIndex building) {
    std::vector<EntityIndex> floors;
    for (EntityIndex child : portfolio.children(building))
        if (portfolio.entity(child).kind == EntityKind::Floor) floors.push_back(child);
    std::sort(floors.begin(), floors.end(), [&](EntityIndex a, EntityIndex b) {
        const park::Floor& fa = portfolio.floor(a);
        const park::Floor& fb = portfolio.floor(b);
        if (fa.elevation != fb.elevation) return fa.elevation < fb.elevation;
        if (fa.number != fb.number) return fa.number < fb.number;
        return a < b;
    });
    return floors;
}

InspectionResult applyInspection(const ParkScene& scene, const InspectionState& state,
                                 std::span<render::EntityState> states) {
    const park::Portfolio& portfolio = scene.portfolio;
    InspectionResult result;
    ModeContext ctx{.mode = state.mode, .focus = focusOf(portfolio, state.selected)};
    result.focusBuilding = ctx.focus.building;
    result.focusFloor = ctx.focus.floor;
    ctx.focusFloorBanded = ctx.focus.floor != kNoEntity && !hasOwnGeometry(scene, ctx.focus.floor);

    std::vector<EntityIndex> floors;
    if (ctx.focus.building != kNoEntity) floors = floorsByElevation(portfolio, ctx.focus.building);

    switch (state.mode) {
        case FloorMode::Isolate:
            if (ctx.focusFloorBanded) {
                const float height = portfolio.floor(ctx.focus.floor).height;
                result.clipPlane = horizontalCut(floorSlabY(scene, ctx.focus.floor) +
                                                 (height > 0.0f ? height : kCutawayHeight));
            }
            break;
        case FloorMode::Cutaway: {
            const EntityIndex cutFloor = ctx.focus.floor != kNoEntity ? ctx.focus.floor
                                         : floors.empty()             ? kNoEntity
                                                                      : floors.back();
            if (cutFloor != kNoEntity) {
                result.clipPlane = cutawayPlane(scene, cutFloor);
                ctx.ghostOthers = true;
            }
            break;
        }
        case FloorMode::Explode: {
            const float progress = std::clamp(state.explodeProgress, 0.0f, 1.0f);
            if (ctx.focus.building != kNoEntity && progress > 0.0f && !floors.empty()) {
                result.explodeOffsets =
                    explodeOffsets(portfolio, floors, state.explodeGap * progress);
                ctx.ghostShell = std::any_of(floors.begin(), floors.end(), [&](EntityIndex f) {
                    return hasOwnGeometry(scene, f);
                });
            }
            break;
        }
        case FloorMode::Section:
            result.clipPlane = state.sectionPlane;
            break;
        case FloorMode::Ghost:
        case FloorMode::None:
            break;
    }

    const size_t count = std::min(states.size(), portfolio.entities().size());
    for (EntityIndex e = 0; e < count; ++e) {
        std::uint32_t computed = modeFlags(portfolio, ctx, e);
        if (computed & PT_ENTITY_FLAG_HIDDEN) computed &= ~PT_ENTITY_FLAG_GHOST;
        if (e == state.selected) computed |= PT_ENTITY_FLAG_SELECTED;
        states[e].flags = (states[e].flags & ~kInspectionFlagMask) | computed;
    }
    return result;
}

void applyExplode(const std::vector<render::Instance>& base, std::span<const glm::vec3> offsets,
                  std::vector<render::Instance>& out) {
    out.assign(base.begin(), base.end());
    for (render::Instance& instance : out) {
        if (instance.entity >= offsets.size()) continue;
        instance.transform[3] += glm::vec4(offsets[instance.entity], 0.0f);
    }
}

}  // namespace pt::twin
