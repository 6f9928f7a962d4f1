#version 450
#include "scene_types.h"
#include "lighting.glsl"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
layout(std430, set = 0, binding = 2) readonly buffer Entities { EntityState entities[]; };
layout(set = 0, binding = 3) uniform sampler2DShadow shadowMap;
// Colour textures (sRGB) and data textures (linear), one per layer; layer 0 is neutral.
layout(set = 0, binding = 4) uniform sampler2DArray colorTextures;
layout(std430, set = 0, binding = 5) readonly buffer Materials { MaterialData materials[]; };
layout(set = 0, binding = 6) uniform sampler2DArray dataTextures;

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
layout(location = 6) flat in uint inMaterial;

layout(location = 0) out vec4 outColor;
layout(location = 1) out uint outEntity;

void main() {
#ifdef PT_VARIANT_CLIP
    if ((inFlags & PT_INSTANCE_FLAG_NO_CLIP) == 0u &&
        dot(globals.clipPlane.xyz, inWorldPos) + globals.clipPlane.w > 0.0)
        discard;
#endif
    outEntity = inEntity;
    MaterialData material = materials[inMaterial];
    // Texture lookups only where a material has the map: the branch is uniform per draw, and a
    // trilinear array fetch is costly on a CPU rasteriser.
    vec3 base = inColor.rgb;
    if (material.layers.x != 0u) base *= texture(colorTextures, vec3(inUv, float(material.layers.x))).rgb;
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
    if (material.layers.z != 0u) {
        vec3 mapped = texture(dataTextures, vec3(inUv, float(material.layers.z))).xyz * 2.0 - 1.0;
        mapped.xy *= material.emissive.w;
        n = perturbNormal(n, inWorldPos, inUv, normalize(mapped));
    }
    // glTF packing: occlusion in r, roughness in g, metalness in b.
    vec3 orm = vec3(1.0);
    if (material.layers.y != 0u) orm = texture(dataTextures, vec3(inUv, float(material.layers.y))).rgb;
    float roughness = clamp(material.roughness * orm.g, 0.05, 1.0);
    float metallic = clamp(material.metallic * orm.b, 0.0, 1.0);
    float occlusion = mix(1.0, orm.r, material.occlusionStrength);
    vec3 emissiveMap = vec3(1.0);
    if (material.layers.w != 0u) emissiveMap = texture(colorTextures, vec3(inUv, float(material.layers.w))).rgb;
    emissive += material.emissive.rgb * emissiveMap;

    vec3 l = normalize(globals.sunDirection.xyz);
    vec3 v = normalize(globals.cameraPosition.xyz - inWorldPos);
    float ndotl = max(dot(n, l), 0.0);
    if (ndotl > 0.0) ndotl *= sunVisibility(inWorldPos, n);
    vec3 f0 = mix(vec3(0.04), base, metallic);
    vec3 sun = globals.sunColor.rgb * globals.sunDirection.w;
    vec3 diffuse = base * (1.0 - metallic);
    // Lights are in "irradiance at normal incidence" units, so the Lambert term is base * ndotl
    // and the specular lobe is scaled by pi to match.
    vec3 direct = (diffuse + kPi * ggxSpecular(n, v, l, roughness, f0)) * sun * ndotl;
    // Image-based ambient from the sky model: diffuse from its spherical harmonics; specular
    // with the split-sum approximation, the prefiltered sky blended from the sharp sky to its
    // cosine-blurred harmonics by roughness.
    vec3 ambientDiffuse = diffuse * evalSh9(globals.ambientSh, n);
    vec3 r = reflect(-v, n);
    float night = globals.params.z;
    vec3 sharpSky = envRadiance(r, globals.skyColor.rgb, globals.groundColor.rgb, night);
    vec3 prefiltered = mix(sharpSky, evalSh9(globals.skySh, r), roughness);
    vec2 envBrdf = envBrdfApprox(max(dot(n, v), 1e-4), roughness);
    vec3 ambientSpecular = prefiltered * (f0 * envBrdf.x + envBrdf.y);
    vec3 lit = (ambientDiffuse + ambientSpecular) * occlusion + direct;
    float spec = 0.0;
    vec3 h = normalize(l + v);
    if (ndotl > 0.0) spec = pow(max(dot(n, h), 0.0), 64.0);
    if ((inFlags & PT_INSTANCE_FLAG_GLASS) != 0u && !ghost) {
        // Glass: mostly a reflection of the sky, more so at grazing angles (Schlick fresnel).
        float fresnel = 0.04 + 0.96 * pow(1.0 - max(dot(n, v), 0.0), 5.0);
        lit = mix(lit, sharpSky, 0.35 + 0.5 * fresnel) + sun * spec * 2.0;
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
