#pragma once
// What the command line asks the first frame to show, shared by the window and `render`:
// selection, floor mode, camera view (park, building, floor, plan) and time of day.
#include <optional>
#include <vector>

#include "core/result.h"
#include "render/lighting.h"
#include "render/render_view.h"
#include "twin/inspection.h"
#include "viewer/cli.h"
#include "viewer/scene_source.h"

namespace pt::viewer {

struct ViewSetup {
    twin::InspectionState inspection;
    render::Camera camera;
    render::Lighting lighting;
    std::optional<glm::vec4> clipOverride;  // plan view cuts above the floor
};

Result<ViewSetup> setupView(const Options& options, const LoadedScene& scene, float aspect);

// Parses "HH:MM" into hours (e.g. 17.5); an error names the option.
Result<float> parseTimeOfDay(std::string_view text);

// Applies the inspection to the states and the scene (explode moves instances; `base` holds
// the unexploded instances). Returns the clip plane to draw with.
std::optional<glm::vec4> applyInspectionToScene(const twin::ParkScene& park,
                                                const twin::InspectionState& state,
                                                std::span<render::EntityState> states,
                                                const std::vector<render::Instance>& base,
                                                render::GpuScene& scene, bool& exploded);

}  // namespace pt::viewer
