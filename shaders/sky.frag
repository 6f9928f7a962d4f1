#version 450
#include "scene_types.h"
#include "lighting.glsl"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;
layout(location = 1) out uint outEntity;

void main() {
    outEntity = PT_NO_ENTITY;
    vec4 farPoint = globals.inverseViewProj * vec4(inNdc, 0.0001, 1.0);
    vec3 dir = normalize(farPoint.xyz / farPoint.w - globals.cameraPosition.xyz);
    float up = clamp(dir.y, -1.0, 1.0);
    // The visible sky is brighter than the ambient it casts; its hue follows the ambient colour.
    vec3 zenith = globals.skyColor.rgb * vec3(1.2, 1.6, 2.6);
    vec3 horizon = mix(globals.skyColor.rgb * 2.6, vec3(1.0, 0.97, 0.92), 0.35 * (1.0 - globals.params.z));
    vec3 sky = mix(horizon, zenith, pow(clamp(up, 0.0, 1.0), 0.6));
    vec3 below = globals.groundColor.rgb * 1.5;
    vec3 color = up >= 0.0 ? sky : mix(horizon, below, clamp(-up * 6.0, 0.0, 1.0));
    // A soft sun disc.
    float sunAmount = max(dot(dir, normalize(globals.sunDirection.xyz)), 0.0);
    color += globals.sunColor.rgb * globals.sunDirection.w * pow(sunAmount, 900.0) * 3.0;
    outColor = vec4(tonemapAces(color * globals.skyColor.w), 1.0);
}
