#version 450
// Depth-only pass from the sun: world positions into the shadow map's clip space.
#include "scene_types.h"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
layout(std430, set = 0, binding = 1) readonly buffer Instances { InstanceData instances[]; };

layout(location = 0) in vec3 inPosition;

void main() {
    InstanceData inst = instances[gl_InstanceIndex];
    gl_Position = globals.lightViewProj * (inst.model * vec4(inPosition, 1.0));
}
