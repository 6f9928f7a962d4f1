#version 450
#include "scene_types.h"
#include "lighting.glsl"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;

void main() {
    vec4 farPoint = globals.inverseViewProj * vec4(inNdc, 0.0001, 1.0);
    vec3 dir = normalize(farPoint.xyz / farPoint.w - globals.cameraPosition.xyz);
    float up = clamp(dir.y, -1.0, 1.0);
    vec3 zenith = globals.skyColor.rgb * 1.1;
    vec3 horizon = mix(globals.skyColor.rgb, vec3(1.0), 0.55);
    vec3 sky = mix(horizon, zenith, pow(clamp(up, 0.0, 1.0), 0.6));
    vec3 below = globals.groundColor.rgb * 0.8;
    vec3 color = up >= 0.0 ? sky : mix(horizon, below, clamp(-up * 6.0, 0.0, 1.0));
    // A soft sun disc.
    float sunAmount = max(dot(dir, normalize(globals.sunDirection.xyz)), 0.0);
    color += globals.sunColor.rgb * pow(sunAmount, 900.0) * 4.0;
    outColor = vec4(tonemapAces(color * globals.skyColor.w), 1.0);
}
