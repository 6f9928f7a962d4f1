#version 450
#include "scene_types.h"
#include "lighting.glsl"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
layout(std430, set = 0, binding = 2) readonly buffer Entities { EntityState entities[]; };
layout(set = 0, binding = 3) uniform sampler2DShadow shadowMap;
// Base-colour textures, one per layer; layer 0 is white (untextured).
layout(set = 0, binding = 4) uniform sampler2DArray baseColorTextures;

// Fraction of sunlight reaching p: 3x3 comparison taps (each tap is itself bilinear).
float sunVisibility(vec3 p, vec3 n) {
    if (globals.params.w <= 0.0) return 1.0;
    // A small normal offset keeps lit faces from shadowing themselves.
    vec4 clip = globals.lightViewProj * vec4(p + n * 0.15, 1.0);
    vec3 uvz = vec3(clip.xy * 0.5 + 0.5, clip.z);
    if (any(lessThan(uvz.xy, vec2(0.0))) || any(greaterThan(uvz.xy, vec2(1.0)))) return 1.0;
    // Four bilinear comparison taps half a texel apart: a 3x3-texel soft edge for 4 lookups.
    vec2 texel = 0.5 / vec2(textureSize(shadowMap, 0));
    float sum = texture(shadowMap, vec3(uvz.xy + vec2(-texel.x, -texel.y), uvz.z - 0.0015)) +
                texture(shadowMap, vec3(uvz.xy + vec2(texel.x, -texel.y), uvz.z - 0.0015)) +
                texture(shadowMap, vec3(uvz.xy + vec2(-texel.x, texel.y), uvz.z - 0.0015)) +
                texture(shadowMap, vec3(uvz.xy + vec2(texel.x, texel.y), uvz.z - 0.0015));
    return mix(1.0, sum * 0.25, globals.params.w);
}

#include "entity_look.glsl"

layout(location = 0) in vec3 inWorldPos;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inColor;
layout(location = 3) flat in uint inFlags;
layout(location = 4) flat in uint inEntity;
layout(location = 5) in vec2 inUv;
layout(location = 6) flat in uint inTexture;

layout(location = 0) out vec4 outColor;
layout(location = 1) out uint outEntity;

void main() {
#ifdef PT_VARIANT_CLIP
    if ((inFlags & PT_INSTANCE_FLAG_NO_CLIP) == 0u &&
        dot(globals.clipPlane.xyz, inWorldPos) + globals.clipPlane.w > 0.0)
        discard;
#endif
    outEntity = inEntity;
    vec3 base = inColor.rgb * texture(baseColorTextures, vec3(inUv, float(inTexture))).rgb;
    vec3 emissive = vec3(0.0);
    float alpha = inColor.a;
    EntityState state = EntityState(0u, 0u, 0.0, 0u);
    if (inEntity < globals.ids.y) state = entities[inEntity];
    base = applyEntityLook(base, state, inEntity, globals, emissive);
    bool ghost = (state.flags & PT_ENTITY_FLAG_GHOST) != 0u;

    if ((inFlags & PT_INSTANCE_FLAG_UNLIT) != 0u) {
        outColor = vec4(tonemapAces((base + emissive) * globals.skyColor.w), alpha);
        return;
    }
    vec3 n = normalize(gl_FrontFacing ? inNormal : -inNormal);
    vec3 l = normalize(globals.sunDirection.xyz);
    vec3 v = normalize(globals.cameraPosition.xyz - inWorldPos);
    vec3 h = normalize(l + v);
    float ndotl = max(dot(n, l), 0.0);
    if (ndotl > 0.0) ndotl *= sunVisibility(inWorldPos, n);
    float spec = pow(max(dot(n, h), 0.0), 48.0) * 0.25 * step(0.0, ndotl);
    vec3 sun = globals.sunColor.rgb * globals.sunDirection.w;
    vec3 ambient = hemisphereAmbient(n, globals.skyColor.rgb, globals.groundColor.rgb);
    vec3 lit = base * (ambient + sun * ndotl) + sun * spec;
    if ((inFlags & PT_INSTANCE_FLAG_GLASS) != 0u && !ghost) {
        // Glass: mostly a reflection of the sky, more so at grazing angles (Schlick fresnel).
        float fresnel = 0.04 + 0.96 * pow(1.0 - max(dot(n, v), 0.0), 5.0);
        vec3 r = reflect(-v, n);
        vec3 skyReflection = mix(globals.groundColor.rgb * 1.5,
                                 globals.skyColor.rgb * vec3(1.4, 1.8, 2.6), smoothstep(-0.2, 0.3, r.y));
        lit = mix(lit, skyReflection, 0.35 + 0.5 * fresnel) + sun * spec * 2.0;
        alpha = mix(alpha, 1.0, fresnel);
        // At night about two windows in three are lit, varying by entity so floors differ.
        float lit01 = step(0.33, fract(sin(float(inEntity) * 12.9898) * 43758.5453));
        emissive += vec3(1.0, 0.78, 0.45) * 0.9 * lit01 * globals.params.z;
    }
    if (ghost) {
        // Ghosted: pale, translucent, still there to give context.
        lit = mix(vec3(dot(lit, vec3(0.333))), vec3(0.75, 0.82, 0.9), 0.5);
        alpha = globals.params.y;
    }
    outColor = vec4(tonemapAces((lit + emissive) * globals.skyColor.w), alpha);
}
