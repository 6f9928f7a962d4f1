#include "render/draw_lists.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace pt::render {

std::array<glm::vec4, 6> frustumPlanes(const glm::mat4& m) {
    // Gribb-Hartmann on the rows of the matrix; Vulkan depth is 0..1 (reversed: near at 1).
    const glm::vec4 r0{m[0][0], m[1][0], m[2][0], m[3][0]};
    const glm::vec4 r1{m[0][1], m[1][1], m[2][1], m[3][1]};
    const glm::vec4 r2{m[0][2], m[1][2], m[2][2], m[3][2]};
    const glm::vec4 r3{m[0][3], m[1][3], m[2][3], m[3][3]};
    std::array<glm::vec4, 6> planes = {r3 + r0, r3 - r0, r3 + r1, r3 - r1, r2, r3 - r2};
    for (auto& p : planes) {
        const float len = glm::length(glm::vec3(p));
        p = len > 1e-12f ? p / len : glm::vec4(0, 0, 0, 1);  // degenerate: accept all
    }
    return planes;
}

float pixelsPerMetre(const Camera& camera, float viewportHeight, float distance) {
    // A tile of a larger image (subRect) has the full image's pixel density.
    const float fullHeight = viewportHeight / std::max(camera.subRect.w - camera.subRect.y, 1e-6f);
    if (camera.orthographic) return fullHeight / std::max(camera.orthoHeight, 1e-6f);
    const float halfFov = glm::radians(camera.fovYDegrees) * 0.5f;
    return fullHeight / (2.0f * std::tan(halfFov) * std::max(distance, camera.nearPlane));
}

void buildDrawLists(const GpuScene& scene, const RenderView& view, const glm::mat4& viewProjection,
                    DrawLists& out, float viewportHeight) {
    out.opaque.clear();
    out.transparent.clear();
    out.ghost.clear();
    out.shadowCasters.clear();
    out.culled = 0;
    out.hidden = 0;
    out.anySelected = false;
    out.far.assign(scene.instances().size(), 0);
    out.variant.assign(scene.instances().size(), kShadePlain);
    out.farCount = 0;
    out.farGroups = 0;
    const auto planes = frustumPlanes(viewProjection);
    const auto& instances = scene.instances();
    const auto& meshes = scene.meshes();
    // Whole groups switch between near detail and far stand-ins: each group's bounds (cached by
    // the scene), and whether any of its entities is being inspected.
    const auto& groups = scene.lodGroupBounds();
    std::vector<uint8_t> inspected(groups.size(), 0);
    for (const Instance& inst : instances)
        if (inst.lodGroup != 0 && inst.lodGroup < groups.size() &&
            inst.entity < view.entities.size() &&
            (view.entities[inst.entity].flags &
             (PT_ENTITY_FLAG_HIDDEN | PT_ENTITY_FLAG_GHOST | PT_ENTITY_FLAG_SELECTED)))
            inspected[inst.lodGroup] = 1;
    std::vector<uint8_t> groupFar(groups.size(), 0);
    if (viewportHeight > 0.0f && !view.clipPlane)
        for (size_t g = 1; g < groups.size(); ++g) {
            const GpuScene::Box& box = groups[g];
            if (inspected[g] || box.lo.x > box.hi.x) continue;
            const float radius = glm::length(box.hi - box.lo) * 0.5f;
            const float distance = glm::length((box.lo + box.hi) * 0.5f - view.camera.eye);
            groupFar[g] =
                kThinPartMetres * pixelsPerMetre(view.camera, viewportHeight, distance - radius) <
                kThinPartPixels;
            out.farGroups += groupFar[g];
        }

    std::vector<std::pair<float, uint32_t>> sorted;
    std::vector<std::pair<float, uint32_t>> opaque;
    std::vector<std::pair<float, uint32_t>> ghost;
    for (uint32_t i = 0; i < instances.size(); ++i) {
        const Instance& inst = instances[i];
        // A part of the level of detail its group does not show now.
        const bool otherLevel = (inst.flags & (kInstanceLodNear | kInstanceLodFar)) &&
                                inst.lodGroup < groupFar.size() &&
                                bool(groupFar[inst.lodGroup]) != bool(inst.flags & kInstanceLodFar);
        uint32_t flags = 0;
        if (inst.entity < view.entities.size()) flags = view.entities[inst.entity].flags;
        if (flags & PT_ENTITY_FLAG_HIDDEN) {
            out.hidden++;
            continue;
        }
        const bool ghosted = flags & PT_ENTITY_FLAG_GHOST;
        const bool transparent = inst.color.a < 0.999f || ghosted;
        // Casters do not depend on the camera (the shadow map is cached): the near detail, not
        // the far stand-ins, which sit in the facade and would darken the interior.
        if (!transparent && !(inst.flags & (kInstanceUnlit | kInstanceNoShadow | kInstanceLodFar)))
            out.shadowCasters.push_back(i);
        if (otherLevel) continue;
        // Bounding sphere of the mesh in world space (max axis scale covers any rotation).
        const MeshRange& m = meshes[inst.mesh];
        const glm::vec3 centre =
            glm::vec3(inst.transform * glm::vec4((m.boundsMin + m.boundsMax) * 0.5f, 1.0f));
        const float scale = std::max({glm::length(glm::vec3(inst.transform[0])),
                                      glm::length(glm::vec3(inst.transform[1])),
                                      glm::length(glm::vec3(inst.transform[2]))});
        const float radius = glm::length(m.boundsMax - m.boundsMin) * 0.5f * scale;
        bool visible = true;
        for (const glm::vec4& p : planes)
            if (glm::dot(glm::vec3(p), centre) + p.w < -radius) {
                visible = false;
                break;
            }
        if (!visible) {
            out.culled++;
            continue;
        }
        if (flags & PT_ENTITY_FLAG_SELECTED) out.anySelected = true;
        const float distance = glm::length(centre - view.camera.eye);
        // Far level of detail where its dropped parts would be under a pixel: judged at the
        // nearest point of the bounding sphere, so a large mesh keeps its detail near the camera.
        if (viewportHeight > 0.0f && m.farIndexCount < m.indexCount &&
            kThinPartMetres * scale *
                    pixelsPerMetre(view.camera, viewportHeight, distance - radius) <
                kThinPartPixels) {
            out.far[i] = 1;
            out.farCount++;
        }
        out.variant[i] = scene.textured(inst.material)   ? kShadeTextured
                         : (inst.flags & kInstanceGlass) ? kShadeWindow  // opaque: see below
                         : scene.matte(inst.material)    ? kShadeMatte
                                                         : kShadePlain;
        if (transparent && out.variant[i] == kShadeWindow) out.variant[i] = kShadePlain;
        (ghosted ? ghost : transparent ? sorted : opaque).push_back({distance, i});
    }
    // Opaque near to far, so early depth tests reject hidden fragments before shading;
    // grouped by shader variant, so each variant is one run of draws.
    std::sort(opaque.begin(), opaque.end(), [&](const auto& a, const auto& b) {
        const uint8_t va = out.variant[a.second], vb = out.variant[b.second];
        return va != vb ? va < vb : a < b;
    });
    for (const auto& [distance, index] : opaque)
        out.opaque.push_back(index);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [distance, index] : sorted)
        out.transparent.push_back(index);
    // Ghosts near to far: the depth pre-pass keeps the nearest one per pixel.
    std::sort(ghost.begin(), ghost.end());
    for (const auto& [distance, index] : ghost)
        out.ghost.push_back(index);
}

}  // namespace pt::render
