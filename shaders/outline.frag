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
    // Eight neighbours two pixels away: a 2-3 px outline for 9 lookups instead of 25.
    const ivec2 offsets[8] = ivec2[](ivec2(-2, 0), ivec2(2, 0), ivec2(0, -2), ivec2(0, 2),
                                     ivec2(-2, -2), ivec2(2, 2), ivec2(-2, 2), ivec2(2, -2));
    bool edge = false;
    for (int i = 0; i < 8 && !edge; ++i) {
        ivec2 q = clamp(p + offsets[i], ivec2(0), size - 1);
        edge = selected(texelFetch(entityIds, q, 0).r) != here;
    }
    if (!edge) discard;
    outColor = vec4(globals.selectionColor.rgb, 1.0);
}
