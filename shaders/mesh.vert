#version 450
#include "scene_types.h"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
layout(std430, set = 0, binding = 1) readonly buffer Instances { InstanceData instances[]; };

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec2 inUv;

layout(location = 0) out vec3 outWorldPos;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outColor;
layout(location = 3) flat out uint outFlags;
layout(location = 4) flat out uint outEntity;
layout(location = 5) out vec2 outUv;
layout(location = 6) flat out uint outMaterial;

void main() {
    InstanceData inst = instances[gl_InstanceIndex];
    vec4 world = inst.model * vec4(inPosition, 1.0);
    outWorldPos = world.xyz;
    // Instances are rotations, translations and (near-)uniform scales, so the model matrix
    // itself turns normals correctly once renormalised; a per-vertex inverse costs too much on
    // a CPU rasteriser.
    outNormal = normalize(mat3(inst.model) * inNormal);
    outColor = inst.color;
    outFlags = inst.flags;
    outEntity = inst.entity;
    outUv = inUv;
    outMaterial = inst.material;
    gl_Position = globals.viewProj * world;
}
