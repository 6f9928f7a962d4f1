#include "viewer/view_setup.h"

#include <charconv>

#include "render/time_of_day.h"
#include "twin/camera_animation.h"

namespace pt::viewer {

Result<float> parseTimeOfDay(std::string_view text) {
    auto minutes = parseClockMinutes(text, "--time-of-day");
    if (!minutes) return minutes.error();
    return float(*minutes) / 60.0f;
}

namespace {

// The EV charging scene (the first charging area) or the drone scene (the first park's pads and
// corridors, where the routes are readable). --camera, if given, wins.
Result<ViewSetup> serviceSceneView(const Options& o, const LoadedScene& scene, float aspect,
                                   ViewSetup v) {
    if (!scene.park) return makeError("--view ", o.view, ": the scene has no park model");
    const twin::ParkScene& park = *scene.park;
    const park::Portfolio& p = park.portfolio;
    if (!o.select.empty()) {  // e.g. a charger or a drone, outlined and shown in the panels
        auto selected = p.findEntity(o.select);
        if (!selected) return makeError("--select ", o.select, ": no such entity");
        v.inspection.selected = *selected;
    }
    assets::Bounds bounds;
    park::EntityIndex firstPark = park::kNoEntity;
    for (park::EntityIndex z : p.ofKind(park::EntityKind::Zone)) {
        const park::ZoneKind kind = park::zoneKind(p.zone(z));
        if (o.view == "ev" && kind == park::ZoneKind::EvChargingArea && bounds.empty())
            bounds.add(park.entityBounds[z]);
        if (o.view != "drone" || kind != park::ZoneKind::DronePad) continue;
        const park::EntityIndex owner = p.ancestorOfKind(z, park::EntityKind::Park);
        if (firstPark == park::kNoEntity) firstPark = owner;
        if (owner == firstPark) bounds.add(park.entityBounds[z]);
    }
    if (bounds.empty())
        return makeError("--view ", o.view, ": the park has no ",
                         o.view == "ev" ? "charging area" : "drone pads");
    if (o.camera) return v;
    if (o.view == "ev") {
        // Low enough to read the power bars' heights, close enough to tell bays apart.
        bounds.max.y += 18.0f;  // room for a 60 kW bar
        v.camera =
            twin::frameBounds(v.camera, bounds, aspect, glm::vec3(-0.55f, -0.62f, -0.85f), 1.0f);
        // The bounding sphere of a flat car park is mostly air: come closer than it asks.
        v.camera.eye = v.camera.target + (v.camera.eye - v.camera.target) * 0.55f;
        return v;
    }
    // The corridors' cruise level above the pads, and the ground below them; seen steeply from
    // the south-east so the dormitories' no-fly volume does not hide the routes.
    bounds.max.y += 35.0f;
    bounds.min.y = 0.0f;
    v.camera = twin::frameBounds(v.camera, bounds, aspect, glm::vec3(-0.55f, -0.95f, -0.8f), 1.0f);
    v.camera.eye = v.camera.target + (v.camera.eye - v.camera.target) * 0.8f;
    return v;
}

}  // namespace

Result<ViewSetup> setupView(const Options& o, const LoadedScene& scene, float aspect) {
    ViewSetup v;
    v.camera = scene.camera;
    if (o.camera) {
        v.camera.eye = o.camera->eye;
        v.camera.target = o.camera->target;
    }
    if (!o.timeOfDay.empty()) {
        auto hours = parseTimeOfDay(o.timeOfDay);
        if (!hours) return hours.error();
        v.lighting = render::lightingAt(*hours);
    }
    auto mode = twin::parseFloorMode(o.floorMode);
    if (!mode)
        return makeError(
            "--floor-mode: expected none, isolate, ghost, cutaway, explode or section, got '",
            o.floorMode, "'");
    v.inspection.mode = *mode;
    v.inspection.explodeProgress = 1.0f;
    if (o.view == "ev" || o.view == "drone") return serviceSceneView(o, scene, aspect, v);
    if (o.select.empty()) {
        if (o.view != "park" || *mode != twin::FloorMode::None)
            return makeError("--view ", o.view, " and --floor-mode need --select ID");
        return v;
    }
    if (!scene.park) return makeError("--select: the scene has no park model");
    const twin::ParkScene& park = *scene.park;
    auto selected = park.portfolio.findEntity(o.select);
    if (!selected) return makeError("--select ", o.select, ": no such entity");
    v.inspection.selected = *selected;
    const auto building = park.portfolio.ancestorOfKind(*selected, park::EntityKind::Building);
    const auto floor = park.portfolio.ancestorOfKind(*selected, park::EntityKind::Floor);
    if (o.view == "park") return v;
    if (o.view == "building") {
        if (building == park::kNoEntity)
            return makeError("--view building: ", o.select, " is not in a building");
        // Looking down from higher than the park view, so neighbours do not hide the building
        // (the direction is where the camera looks: eye to target).
        assets::Bounds bounds = park.entityBounds[building];
        if (*mode == twin::FloorMode::Explode)  // room for the floors once pulled apart
            bounds.max.y += float(twin::floorsByElevation(park.portfolio, building).size()) *
                            v.inspection.explodeGap;
        v.camera = twin::frameBounds(v.camera, bounds, aspect, -glm::vec3(0.8f, 1.0f, 1.0f));
    } else if (o.view == "floor") {
        if (floor == park::kNoEntity)
            return makeError("--view floor: ", o.select, " is not on a floor");
        v.camera = twin::frameBounds(v.camera, park.entityBounds[floor], aspect,
                                     -glm::vec3(0.8f, 1.1f, 1.0f));
    } else if (o.view == "plan") {
        if (floor == park::kNoEntity)
            return makeError("--view plan: ", o.select, " is not on a floor");
        const twin::PlanView plan = twin::planView(park, floor, aspect);
        v.camera = plan.camera;
        v.clipOverride = plan.clipPlane;
    } else {
        return makeError("--view: expected park, building, floor, plan, ev or drone, got '", o.view,
                         "'");
    }
    return v;
}

std::optional<glm::vec4> applyInspectionToScene(const twin::ParkScene& park,
                                                const twin::InspectionState& state,
                                                std::span<render::EntityState> states,
                                                const std::vector<render::Instance>& base,
                                                render::GpuScene& scene, bool& exploded) {
    const twin::InspectionResult r = twin::applyInspection(park, state, states);
    if (!r.explodeOffsets.empty()) {
        twin::applyExplode(base, r.explodeOffsets, scene.editInstances());
        exploded = true;
    } else if (exploded) {
        scene.editInstances() = base;
        exploded = false;
    }
    return r.clipPlane;
}

}  // namespace pt::viewer
