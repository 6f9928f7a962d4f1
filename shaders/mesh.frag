#version 450
// Scene surfaces. One source, compiled into variants (shaders/CMakeLists.txt) so that each
// pipeline runs only the code it needs - a CPU rasteriser executes both sides of every branch:
//   PT_VARIANT_TEXTURED  texture maps (base colour, metallic-roughness/occlusion, normal,
//                        emissive); without it the material is constant over the triangle
//   PT_VARIANT_MATTE     rough opaque materials: no specular lobe from the sun
//   PT_VARIANT_WINDOW    opaque glass (a facade stand-in's window band): mullions every
//                        1.5 m along the facade, and at night each window lit or not
//   PT_VARIANT_GLASS     the transparent pass: glass reflects the sky, lit windows at night
//   PT_VARIANT_GHOST     ghosted entities: pale and translucent
//   PT_VARIANT_CLIP      cutaway and section planes (`discard` turns off early depth tests,
//                        so only the clipped pipelines have it)
#include "scene_types.h"
#include "lighting.glsl"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
layout(set = 0, binding = 3) uniform sampler2DShadow shadowMap;
// Colour textures (sRGB) and data textures (linear), one per layer; layer 0 is neutral.
layout(set = 0, binding = 4) uniform sampler2DArray colorTextures;
layout(set = 0, binding = 6) uniform sampler2DArray dataTextures;

#include "surface.glsl"

// Perturbs `n` by a tangent-space normal map sample without stored tangents: the tangent frame
// comes from screen-space derivatives of position and uv (Schüler, "Normal mapping without
// precomputed tangents").
vec3 perturbNormal(vec3 n, vec3 p, vec2 uv, vec3 mapNormal) {
    vec3 dp1 = dFdx(p), dp2 = dFdy(p);
    vec2 duv1 = dFdx(uv), duv2 = dFdy(uv);
    vec3 dp2perp = cross(dp2, n), dp1perp = cross(n, dp1);
    vec3 t = dp2perp * duv1.x + dp1perp * duv2.x;
    vec3 b = dp2perp * duv1.y + dp1perp * duv2.y;
    float invmax = inversesqrt(max(dot(t, t), dot(b, b)) + 1e-12);
    return normalize(mat3(t * invmax, b * invmax, n) * mapNormal);
}

#ifdef PT_VARIANT_WINDOW
// A window band drawn as one opaque panel: how much of this pixel is mullion (0..1, fading to
// its average coverage where the windows get smaller than a few pixels, so there is no moire),
// and the window's light at night. Windows are cells of kPitch metres along the facade; a unit
// lights some of them, more or fewer by unit, each window a little warmer or cooler.
const float kPitch = 1.5;        // metres between mullions
const float kHalfMullion = 0.05; // metres each side of a mullion's centre line
const vec3 kFrameColour = vec3(0.16, 0.17, 0.19);

// An integer hash of a window: its cell along the facade and its unit (sin-based hashes cost
// a polynomial each on a CPU rasteriser).
uint windowHash(int cell, uint entity) {
    uint h = uint(cell) * 0x9E3779B1u ^ entity * 0x85EBCA77u;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    return h;
}

void windowPanel(vec3 n, out float frame, out vec3 light) {
    vec3 along = vec3(n.z, 0.0, -n.x);  // horizontal, in the facade
    along = dot(along, along) > 0.01 ? normalize(along) : vec3(1.0, 0.0, 0.0);
    float s = dot(vWorldPos, along) / kPitch;
    float fromMullion = min(fract(s), 1.0 - fract(s)) * kPitch;  // metres
    float footprint = fwidth(s) * kPitch;                         // metres per pixel
    float sharp = 1.0 - smoothstep(kHalfMullion - 0.5 * footprint,
                                   kHalfMullion + 0.5 * footprint, fromMullion);
    frame = mix(sharp, 2.0 * kHalfMullion / kPitch, smoothstep(0.25, 0.6, footprint / kPitch));
    uint h = windowHash(int(floor(s)), vEntity);
    float share = 0.25 + 0.65 * vEmissive.a;  // this unit's share of lit windows
    float lit = step(float(h & 0xFFFFu) * (1.0 / 65536.0), share);
    float warmth = float(h >> 24) * (1.0 / 255.0);
    light = mix(vec3(1.0, 0.72, 0.40), vec3(1.0, 0.86, 0.62), warmth) *
            (0.36 * lit * globals.params.z);
}
#endif

layout(location = 0) out vec4 outColor;
layout(location = 1) out uint outEntity;

// Fraction of sunlight reaching p: one bilinear comparison tap (2x2 texels). Outside the map
// the border (1.0) compares as lit; depth is clamped so that beyond its far end is lit too.
float sunVisibility(vec3 p, vec3 n) {
    // A small normal offset keeps lit faces from shadowing themselves.
    vec4 clip = globals.lightViewProj * vec4(p + n * 0.15, 1.0);
    vec3 uvz = vec3(clip.xy * 0.5 + 0.5, min(clip.z - 0.0015, 1.0));
    return mix(1.0, texture(shadowMap, uvz), globals.params.w);
}

void main() {
#ifdef PT_VARIANT_CLIP
    if ((vFlags & PT_INSTANCE_FLAG_NO_CLIP) == 0u &&
        dot(globals.clipPlane.xyz, vWorldPos) + globals.clipPlane.w > 0.0)
        discard;
#endif
    outEntity = vEntity;
#if defined(PT_VARIANT_CLIP) || defined(PT_VARIANT_GLASS) || defined(PT_VARIANT_GHOST)
    // Two-sided pipelines: a back face is lit as a surface facing the other way.
    bool front = gl_FrontFacing;
#else
    const bool front = true;  // back faces are culled
#endif
    vec3 n = normalize(front ? vNormal : -vNormal);
    vec3 base = vBase.rgb;
    float alpha = vBase.a;
    float metallic = vPbr.x;
    float roughness = clamp(vPbr.y, 0.05, 1.0);
    vec3 emissive = vEmissive.rgb;
#ifdef PT_VARIANT_TEXTURED
    vec3 irradiance = vShEven + (front ? vShOdd : -vShOdd);
    base *= texture(colorTextures, vec3(vUv, float(vLayers.x))).rgb;
    if (vLayers.z != 0u) {
        vec3 mapped = texture(dataTextures, vec3(vUv, float(vLayers.z))).xyz * 2.0 - 1.0;
        mapped.xy *= vPbr.w;
        n = perturbNormal(n, vWorldPos, vUv, normalize(mapped));
        irradiance = evalSh9(globals.ambientSh, n);
    }
    // glTF packing: occlusion in r, roughness in g, metalness in b.
    vec3 orm = texture(dataTextures, vec3(vUv, float(vLayers.y))).rgb;
    roughness = clamp(vPbr.y * orm.g, 0.05, 1.0);
    metallic = clamp(vPbr.x * orm.b, 0.0, 1.0);
    float occlusion = mix(1.0, orm.r, vPbr.z);
    if (vLayers.w != 0u)
        emissive += vMaterialEmissive * texture(colorTextures, vec3(vUv, float(vLayers.w))).rgb;
    base += vTint;
#endif
#ifdef PT_VARIANT_WINDOW
    float frame;
    vec3 windowLight;
    windowPanel(n, frame, windowLight);
    base = mix(base, kFrameColour, frame);
    emissive += windowLight * (1.0 - frame);
#endif
    vec3 f0 = mix(vec3(0.04), base, metallic);
    vec3 diffuse = base * (1.0 - metallic);
#ifdef PT_VARIANT_TEXTURED
    vec3 ambient = (diffuse * irradiance + f0 * vEnvScale + vEnvBias) * occlusion;
#else
    vec3 ambient = front ? vAmbientFront : vAmbientBack;
#endif
#ifdef PT_VARIANT_WINDOW
    ambient *= 1.0 - 0.7 * frame;  // the vertex's ambient is the glass's; mullions are dark
#endif

    vec3 l = globals.sunDirection.xyz;  // normalised on the CPU
    vec3 v = normalize(globals.cameraPosition.xyz - vWorldPos);
    float ndotl = max(dot(n, l), 0.0) * sunVisibility(vWorldPos, n);
    vec3 sun = globals.sunColor.rgb * globals.sunDirection.w;
    // Lights are in "irradiance at normal incidence" units, so the Lambert term is base * ndotl
    // and the specular lobe is scaled by pi to match.
#if defined(PT_VARIANT_MATTE) || defined(PT_VARIANT_WINDOW)
    // (Window bands: their sky reflection is in the ambient; a sun glint spread over a whole
    // stand-in panel reads as a flat sheen, and the lobe would pay for the windows twice over.)
    vec3 direct = diffuse * sun * ndotl;
#else
    vec3 direct = (diffuse + kPi * ggxSpecular(n, v, l, roughness, f0)) * sun * ndotl;
#endif
    vec3 lit = ambient + direct;
#ifdef PT_VARIANT_GLASS
    // Glass: mostly a reflection of the sky, more so at grazing angles (Schlick fresnel),
    // the sun's glint, and at night about two windows in three lit (by the entity's hash,
    // vEmissive.a).
    float glass = float((vFlags & PT_INSTANCE_FLAG_GLASS) != 0u);
    float fresnel = 0.04 + 0.96 * schlickWeight(dot(n, v));
    vec3 sky = envRadiance(reflect(-v, n), globals.skyColor.rgb, globals.groundColor.rgb,
                           globals.params.z);
    float glint = exp2(64.0 * log2(max(dot(n, normalize(l + v)), 1e-4))) * float(ndotl > 0.0);
    vec3 glassLit = mix(lit, sky, 0.35 + 0.5 * fresnel) + sun * glint * 2.0;
    lit = mix(lit, glassLit, glass);
    alpha = mix(alpha, mix(alpha, 1.0, fresnel), glass);
    emissive += vec3(1.0, 0.78, 0.45) *
                (0.9 * step(0.33, vEmissive.a) * globals.params.z * glass);
#endif
#ifdef PT_VARIANT_GHOST
    // Ghosted: pale, translucent, still there to give context.
    lit = mix(vec3(dot(lit, vec3(0.333))), vec3(0.75, 0.82, 0.9), 0.5);
    alpha = globals.params.y;
#endif
    // Unlit markers show their colour as it is.
    float unlit = float((vFlags & PT_INSTANCE_FLAG_UNLIT) != 0u);
    vec3 color = mix(lit, base, unlit) + emissive;
    outColor = vec4(tonemapAces(color * globals.skyColor.w), alpha);
}
