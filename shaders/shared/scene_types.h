// Structs shared by C++ and GLSL: one definition, std430/std140 layout. A unit test pins the
// size and offsets of each (tests/unit/render/shader_layout_test.cpp).
#ifndef PT_SHADERS_SCENE_TYPES_H
#define PT_SHADERS_SCENE_TYPES_H

#ifdef __cplusplus
#include <cstdint>

#include <glm/glm.hpp>
namespace pt::shaders {
using glm::mat4;
using glm::uvec4;
using glm::vec4;
using uint = uint32_t;
#endif

// Per-frame constants (uniform buffer, std140).
struct FrameGlobals {
    mat4 viewProj;
    mat4 view;
    mat4 inverseViewProj;
    mat4 lightViewProj;   // world -> sun shadow map (x, y in -1..1, depth 0..1)
    vec4 cameraPosition;  // xyz, w unused
    vec4 sunDirection;    // xyz: direction towards the sun, w: sun intensity
    vec4 sunColor;        // rgb, w unused
    vec4 skyColor;        // rgb: ambient from above, w: exposure
    vec4 groundColor;     // rgb: ambient from below, w unused
    vec4 viewport;        // width, height, 1/width, 1/height
    vec4 clipPlane;       // world plane (n, d): fragments with dot(n, p) + d > 0 are cut away
    vec4 selectionColor;  // rgb, a: strength of the selection tint
    vec4 params;          // x: time in seconds (pulses), y: ghost opacity, z: night (0..1),
                          // w: shadow strength (0: no shadow map)
    uvec4 ids;            // x: hovered entity (or none), y: entity-state count
    // Image-based ambient from the sky model as order-2 spherical harmonics (rgb; w unused),
    // see engine/render/sky_light.h: irradiance / pi, and the cosine-blurred visible sky for
    // reflections on rough surfaces.
    vec4 ambientSh[9];
    vec4 skySh[9];
};

// Per-entity visual state (storage buffer, std430), indexed by InstanceData::entity. The same
// 16 bytes as pt::data::EntityVisualState, which the live-data rules produce.
struct EntityState {
    uint rgba;   // overlay colour, unpackUnorm4x8; alpha 0 = no overlay
    uint flags;  // PT_ENTITY_FLAG_* bits
    float value;
    uint rule;
};

// One drawn object (storage buffer, std430). The entity index ties it to the park model.
struct InstanceData {
    mat4 model;
    vec4 color;     // linear rgb, a: opacity
    uint entity;    // index into the park's entity table; 0xffffffff: none
    uint flags;     // kInstanceFlag* bits
    uint material;  // index into the scene's MaterialData table (0: the default material)
    uint padding;
};

// Metallic-roughness PBR parameters and texture layers (storage buffer, std430). Colour
// textures (base colour, emissive) are layers of the sRGB array, data textures (metallic-
// roughness, normal, occlusion) of the linear array; layer 0 of each is neutral (white, or a
// flat normal), so an untextured material needs no branch.
struct MaterialData {
    vec4 emissive;  // rgb, w: normal-map strength
    float metallic;
    float roughness;
    float occlusionStrength;
    float padding;
    uvec4 layers;  // x: base colour, y: metallic-roughness, z: normal, w: emissive
};

#define PT_INSTANCE_FLAG_UNLIT 1u
// Overlays, zones and labels are never cut by cutaway or section planes.
#define PT_INSTANCE_FLAG_NO_CLIP 2u
// Glass: lit windows at night.
#define PT_INSTANCE_FLAG_GLASS 4u
// Casts no shadow (moving markers: the shadow map is cached while only they change).
#define PT_INSTANCE_FLAG_NO_SHADOW 8u
// Drawn only near, or only far (the CPU picks; see render::Instance::lodGroup).
#define PT_INSTANCE_FLAG_LOD_NEAR 16u
#define PT_INSTANCE_FLAG_LOD_FAR 32u

#define PT_NO_ENTITY 0xffffffffu

// Entity flags: the values of pt::data::VisualFlag (a unit test keeps them equal).
#define PT_ENTITY_FLAG_STALE 1u
#define PT_ENTITY_FLAG_NO_DATA 2u
#define PT_ENTITY_FLAG_HIDDEN 4u
#define PT_ENTITY_FLAG_GHOST 8u
#define PT_ENTITY_FLAG_SELECTED 16u
#define PT_ENTITY_FLAG_ALERT_UNACKNOWLEDGED 32u
#define PT_ENTITY_ALERT_SHIFT 8u
#define PT_ENTITY_ALERT_MASK 768u

#ifdef __cplusplus
}  // namespace pt::shaders
#endif

#endif
