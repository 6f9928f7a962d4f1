#version 450
// Sky above the horizon; below it, an endless ground plane at y = 0 with a subtle 10 m / 100 m
// grid that fades with distance into the horizon haze. Drawn after the opaque meshes at the far
// plane: only the pixels no model (site ground included) covers are shaded.
#include "scene_types.h"
#include "lighting.glsl"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
// The sun's shadow map, sampled nearest: one fetch a pixel (a filtered comparison costs four
// on a CPU rasteriser). The endless ground is where the modelled site ends: its shadows are
// the edges of the park's, seen from far.
layout(set = 0, binding = 7) uniform sampler2D shadowDepth;
layout(location = 0) in vec4 inFarPoint;
layout(location = 1) flat in vec3 inHorizon;
layout(location = 2) flat in vec3 inGroundLight;
layout(location = 0) out vec4 outColor;
layout(location = 1) out uint outEntity;

float gridLine(vec2 p, float spacing, float width) {
    vec2 d = abs(fract(p / spacing - 0.5) - 0.5) * spacing;
    vec2 w = fwidth(p) * width;
    vec2 a = 1.0 - smoothstep(vec2(0.0), w, d);
    return max(a.x, a.y);
}

float groundShadow(vec3 p) {
    vec4 clip = globals.lightViewProj * vec4(p, 1.0);
    vec2 uv = clip.xy * 0.5 + 0.5;
    // Outside the map is lit; beyond its far end (the plane runs on below the site) only a
    // caster in the map shades it: the depth is clamped to the far end as in mesh.frag, so an
    // empty texel (cleared to 1.0) compares as lit.
    bool inside = all(greaterThanEqual(uv, vec2(0.0))) && all(lessThanEqual(uv, vec2(1.0)));
    float lit = float(!inside || min(clip.z - 0.002, 1.0) <= texture(shadowDepth, uv).r);
    return mix(1.0, lit, globals.params.w);
}

void main() {
    outEntity = PT_NO_ENTITY;
    vec3 eye = globals.cameraPosition.xyz;
    vec3 dir = normalize(inFarPoint.xyz / inFarPoint.w - eye);
    float up = clamp(dir.y, -1.0, 1.0);
    float night = globals.params.z;
    // The visible sky is brighter than the ambient it casts; its hue follows the ambient colour.
    vec3 horizon = inHorizon;
    vec3 color = skyAbove(globals.skyColor.rgb, night, up);
    float sunAmount = max(dot(dir, normalize(globals.sunDirection.xyz)), 0.0);
    // The sun's glow, ~2 degrees to half strength: (1 - 200 angle^2)^2 ~ exp(-450 angle^2)
    // without the log and exp of a pow(cos, 900) per pixel.
    float glow = max(sunAmount - 0.9975, 0.0) * 400.0;
    color += globals.sunColor.rgb * globals.sunDirection.w * 3.0 * (glow * glow);

    if (dir.y < -1e-4 && eye.y > 0.0) {
        vec3 hit = eye + dir * (-eye.y / dir.y);
        float distance = length(hit - eye);
        vec3 n = vec3(0.0, 1.0, 0.0);
        vec3 l = normalize(globals.sunDirection.xyz);
        vec3 sun = globals.sunColor.rgb * globals.sunDirection.w * max(l.y, 0.0) * groundShadow(hit);
        vec3 albedo = vec3(0.11, 0.12, 0.11);
        vec3 ground = albedo * (inGroundLight + sun);
        float grid = max(gridLine(hit.xz, 10.0, 1.0) * 0.35, gridLine(hit.xz, 100.0, 1.5) * 0.7);
        ground = mix(ground, ground * 1.6 + vec3(0.02), grid * exp(-distance / 600.0));
        // Haze: the ground dissolves into the horizon colour with distance.
        float haze = 1.0 - exp(-distance / 5000.0);
        color = mix(ground, horizon, haze);
    }
    outColor = vec4(tonemapAces(color * globals.skyColor.w), 1.0);
}
