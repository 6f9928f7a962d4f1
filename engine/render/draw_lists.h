#pragma once
// Turns a scene's instances into this frame's draw order, on the CPU: hidden entities dropped,
// instances outside the view frustum culled, opaque near to far (early depth rejection), then
// transparent and ghosted ones far to near so blending composes. Pure (no Vulkan), so it is
// unit-tested and benchmarked.
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "render/gpu_scene.h"
#include "render/render_view.h"

namespace pt::render {

// Which fragment shader an instance needs (mesh.frag's variants): plain, with texture maps,
// or matte (no sun specular; opaque only, transparent ones use plain).
// kShadeWindow: opaque untextured glass (the facade stand-ins' window panels): mullions and, at
// night, windows lit one by one.
enum ShadeVariant : uint8_t {
    kShadePlain = 0,
    kShadeTextured = 1,
    kShadeMatte = 2,
    kShadeWindow = 3,
    kShadeVariantCount = 4
};

struct DrawLists {
    // Instance indices. Opaque: grouped by shader variant (ShadeVariant), each group near to
    // far.
    std::vector<uint32_t> opaque;
    std::vector<uint32_t> transparent;  // far to near
    // Ghosted instances, near to far: drawn as an x-ray (a depth pre-pass, then one blended
    // layer), because blending every face of a ghosted tower is far too slow on a CPU.
    std::vector<uint32_t> ghost;
    std::vector<uint32_t> shadowCasters;  // opaque and not hidden, in view or not
    // Per instance: 1 where its mesh's far level of detail is drawn (see kThinPartPixels).
    std::vector<uint8_t> far;
    // Per instance: its ShadeVariant.
    std::vector<uint8_t> variant;
    uint32_t farCount = 0;
    uint32_t farGroups = 0;  // level-of-detail groups drawn as their far stand-ins
    uint32_t culled = 0;
    uint32_t hidden = 0;
    bool anySelected = false;
};

// Six planes (n, d), inside where dot(n, p) + d >= 0. For an infinite projection the far plane
// is degenerate and accepts everything.
std::array<glm::vec4, 6> frustumPlanes(const glm::mat4& viewProjection);

// `viewportHeight`: the drawn image's height in pixels, for the level of detail (0: always the
// full meshes, and near detail rather than far stand-ins). A level-of-detail group (a model,
// Instance::lodGroup) shows its far stand-ins where its bounding sphere is far enough for the
// thin-part level of detail, unless it is being inspected (an entity of it hidden, ghosted or
// selected) or `view` has a clip plane: cut buildings show their insides.
void buildDrawLists(const GpuScene& scene, const RenderView& view, const glm::mat4& viewProjection,
                    DrawLists& out, float viewportHeight = 0.0f);

// Pixels per metre at `distance` from the camera for an image `viewportHeight` pixels high.
float pixelsPerMetre(const Camera& camera, float viewportHeight, float distance);

}  // namespace pt::render
