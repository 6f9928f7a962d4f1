#pragma once
// Screen-space labels and alert badges over the 3D view, drawn with Dear ImGui (CJK font):
// building names always, floor names of the selected building, tenant and live value of the
// units of the selected floor (a unit without a tenant shows its lease state in the UI
// language). Occlusion-aware (the entity-id image at the anchor must show the labelled entity
// or a part of it), decluttered and clustered by twin::layoutLabels. Alerts pulse as badges at
// their entity.
#include <span>
#include <vector>

#include "render/camera.h"
#include "render/renderer.h"
#include "twin/inspection.h"
#include "twin/label_layout.h"
#include "twin/park_scene.h"

namespace pt::twin {
class LiveData;
}

namespace pt::viewer {

struct LabelFrame {
    const twin::ParkScene* park = nullptr;
    const twin::InspectionState* inspection = nullptr;
    std::span<const render::EntityState> states;
    twin::LiveData* live = nullptr;
    render::Camera camera;
    glm::vec2 framebuffer{0.0f};  // pixels of the rendered image
    float windowScale = 1.0f;     // ImGui units per framebuffer pixel
    render::Renderer::IdImage ids;
    float timeSeconds = 0.0f;
    bool chinese = false;  // UI language of generated words (lease states); names as given
    // Framebuffer pixels under the UI's panels: no label, cluster or badge there.
    std::span<const twin::LabelRect> covered;
};

void drawLabels(const LabelFrame& frame);

// The panels (top-level ImGui windows) as they were drawn in the previous frame, in framebuffer
// pixels: the labels are laid out before this frame's panels are built, and panels move only
// when the window is resized or one is collapsed.
std::vector<twin::LabelRect> panelRectsLastFrame(float windowScale);

}  // namespace pt::viewer
