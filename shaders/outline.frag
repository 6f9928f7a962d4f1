#version 450
// Selection outline: a pixel on the edge of a selected entity's visible area (its id differs
// from a neighbour's within 2 px) is painted in the selection colour.
#include "scene_types.h"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
layout(set = 0, binding = 1) uniform usampler2D entityIds;
layout(std430, set = 0, binding = 2) readonly buffer Entities { EntityState entities[]; };

layout(location = 0) out vec4 outColor;

bool selected(uint id) {
    return id < globals.ids.y && (entities[id].flags & PT_ENTITY_FLAG_SELECTED) != 0u;
}

void main() {
    ivec2 size = textureSize(entityIds, 0);
    ivec2 p = ivec2(gl_FragCoord.xy);
    bool here = selected(texelFetch(entityIds, p, 0).r);
    bool edge = false;
    for (int dy = -2; dy <= 2 && !edge; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
            ivec2 q = clamp(p + ivec2(dx, dy), ivec2(0), size - 1);
            if (selected(texelFetch(entityIds, q, 0).r) != here) { edge = true; break; }
        }
    if (!edge) discard;
    outColor = vec4(globals.selectionColor.rgb, 1.0);
}
