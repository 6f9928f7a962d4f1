#pragma once
// Floor inspection modes: what the operator sees of a selected building or floor. Turns the
// selection and mode (AppState's business) into per-entity visual flags, a clip plane and
// per-entity explode offsets for the frame. Pure CPU logic; main thread, once per frame (or when
// the selection, mode or explode progress changes). Nothing here keeps references.
//
// Scope of the flags this module owns: HIDDEN, GHOST and SELECTED (kInspectionFlagMask). Other
// bits (stale, no data, alerts) come from the live-data rules and are preserved.
//
// Rules that hold in every mode:
// - Only the selected entity itself gets SELECTED (the renderer outlines/tints exactly what was
//   picked; a selected floor does not light up every unit on it, which would drown the outline).
// - Parks (site ground, roads) are never hidden or ghosted.
// - Zones and devices are never hidden or ghosted: they are overlays with entities of their own
//   (drone pads, chargers, meters) and the operator must keep seeing them; their instances carry
//   kInstanceNoClip, so the clip plane does not cut them either.
// - HIDDEN wins over GHOST; an entity is never both.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "park/park_model.h"
#include "render/mesh_data.h"
#include "render/render_view.h"
#include "twin/park_scene.h"

namespace pt::twin {

enum class FloorMode : std::uint8_t { None, Isolate, Ghost, Cutaway, Explode, Section };

// "none", "isolate", "ghost", "cutaway", "explode", "section" (case-sensitive, as in commands).
std::optional<FloorMode> parseFloorMode(std::string_view text);
std::string_view toString(FloorMode mode);

inline constexpr std::uint32_t kInspectionFlagMask =
    PT_ENTITY_FLAG_HIDDEN | PT_ENTITY_FLAG_GHOST | PT_ENTITY_FLAG_SELECTED;
// Cutaway height above the selected floor's slab: the height at which architectural plans cut,
// so desks, machines and partitions stay while the walls above eye level and the floors above
// are removed. Clamped to 75 % of the floor height for unusually low floors.
inline constexpr float kCutawayHeight = 1.5f;

struct InspectionState {
    park::EntityIndex selected = park::kNoEntity;
    // Not turned into flags: the renderer highlights it itself (RenderView::hoveredEntity).
    park::EntityIndex hovered = park::kNoEntity;
    FloorMode mode = FloorMode::None;
    float explodeProgress = 0.0f;  // 0..1, animated by the caller
    float explodeGap = 6.0f;       // metres between consecutive floors when fully exploded
    // Free section plane (n, d) in world space for FloorMode::Section; fragments with
    // dot(n, p) + d > 0 are cut.
    glm::vec4 sectionPlane{1.0f, 0.0f, 0.0f, 0.0f};
};

// The free section plane as an operator sets it: an axis of the park frame (+X east, +Y up,
// -Z north), the position along it in metres, and which side is cut away (by default the side
// beyond the position, i.e. x > offset; `flip` cuts the near side instead).
enum class SectionAxis : std::uint8_t { EastWest, Vertical, NorthSouth };
glm::vec4 sectionPlane(SectionAxis axis, float offset, bool flip);

struct InspectionResult {
    // For RenderView::clipPlane (cutaway, section, isolation of an elevation-banded model).
    std::optional<glm::vec4> clipPlane;
    // World-space translation per entity (index = EntityIndex), or empty when nothing moves
    // (every mode but Explode, or Explode with progress 0 or without a focus building). Each
    // floor's offset is copied to its descendants (units, devices on it).
    std::vector<glm::vec3> explodeOffsets;
    // The building and floor the mode acts on: the selection's ancestors of those kinds
    // (a unit selects its floor and building; a building selection has no focus floor).
    park::EntityIndex focusBuilding = park::kNoEntity;
    park::EntityIndex focusFloor = park::kNoEntity;

    glm::vec3 offsetOf(park::EntityIndex entity) const {
        return entity < explodeOffsets.size() ? explodeOffsets[entity] : glm::vec3(0.0f);
    }
};

// Writes the inspection flags of every entity into `states` (index = EntityIndex; entities past
// the end of the span are skipped) and returns the plane, offsets and focus. Per mode, with a
// floor F of building B in focus (a unit or a device on a floor focuses that floor):
// - Isolate: other buildings (and their floors and units) hidden; B's other floors and their
//   units hidden; B's own entity (shell, cores, roof) hidden so F can be seen. If F has no
//   geometry of its own (a model whose floors are elevation bands), B stays and everything above
//   F's top (slab + height) is clipped instead: one plane cannot remove the floors below.
// - Ghost: B's shell, B's other floors and their units, and all other buildings ghosted (drawn
//   translucent, still pickable); F and its units opaque. Elevation-banded models cannot ghost
//   part of B: B stays opaque there (use Cutaway).
// - Cutaway: clip plane y = slab(F) + kCutawayHeight; other buildings ghosted, because the plane
//   is global and slices them at the same height: opaque, they would read as broken geometry in
//   front of the floor being inspected, translucent they read as context.
// - Explode: floors of B sorted by elevation; floor k moves up by k * gap * progress. B's shell
//   is ghosted while progress > 0 (if any of B's floors has geometry of its own), since the
//   floors would otherwise fly up through it. Other buildings are unaffected.
// - Section: the state's free plane; no flags.
// With a building selected (no floor): Isolate hides the other buildings; Ghost ghosts them;
// Cutaway cuts above B's top floor (the roof comes off); Explode works as above.
// With nothing, a park, or a zone selected: only Section acts (and SELECTED on the selection).
InspectionResult applyInspection(const ParkScene& scene, const InspectionState& state,
                                 std::span<render::EntityState> states);

// World-space Y of a floor's slab: the floor's geometry bottom when it has geometry of its own,
// else the park's scene position + the building's position + Floor::elevation (models whose
// floors are elevation bands).
float floorSlabY(const ParkScene& scene, park::EntityIndex floor);
// The cutaway plane of a floor: n = (0, 1, 0), d = -(slab + min(kCutawayHeight, 0.75 * height)).
glm::vec4 cutawayPlane(const ParkScene& scene, park::EntityIndex floor);
// A building's floors, lowest first (by elevation, then number, then entity index).
std::vector<park::EntityIndex> floorsByElevation(const park::Portfolio& portfolio,
                                                 park::EntityIndex building);

// out = base with each instance translated by its entity's offset (instances without an entity
// or past the end of `offsets` are copied unchanged). Feed `out` to GpuScene::editInstances();
// keep `base` as the unexploded layout. `out` is resized to base's size (its capacity is reused).
void applyExplode(const std::vector<render::Instance>& base, std::span<const glm::vec3> offsets,
                  std::vector<render::Instance>& out);

}  // namespace pt::twin
