#pragma once
// Everything that decides one frame's picture besides the scene itself: camera, light, the
// per-entity visual state (colour overlays, hidden/ghost/selected, alerts), clipping and
// highlight. Plain values, rebuilt by the app every frame.
#include <optional>
#include <span>

#include <glm/glm.hpp>

#include "render/camera.h"
#include "render/lighting.h"
#include "render/mesh_data.h"
#include "shaders/shared/scene_types.h"

namespace pt::render {

using EntityState = shaders::EntityState;

struct RenderView {
    Camera camera;
    Lighting lighting;
    // Indexed by Instance::entity; entities past the end have no state. Same bytes as
    // data::EntityVisualState.
    std::span<const EntityState> entities;
    // World plane (n, d); fragments with dot(n, p) + d > 0 are cut away (cutaway, section).
    std::optional<glm::vec4> clipPlane;
    uint32_t hoveredEntity = kNoEntity;
    float timeSeconds = 0.0f;    // drives alert pulses; fixed in tests
    float ghostOpacity = 0.22f;  // one blended layer per pixel (x-ray), see DrawLists::ghost
    glm::vec4 selectionColor{0.05f, 0.7f, 1.0f, 0.35f};  // rgb, tint strength
};

}  // namespace pt::render
