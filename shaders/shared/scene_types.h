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
    vec4 cameraPosition;  // xyz, w unused
    vec4 sunDirection;    // xyz: direction towards the sun, w: sun intensity
    vec4 sunColor;        // rgb, w unused
    vec4 skyColor;        // rgb: ambient from above, w: exposure
    vec4 groundColor;     // rgb: ambient from below, w unused
    vec4 viewport;        // width, height, 1/width, 1/height
};

// One drawn object (storage buffer, std430). The entity index ties it to the park model.
struct InstanceData {
    mat4 model;
    vec4 color;    // linear rgb, a: opacity
    uint entity;   // index into the park's entity table; 0xffffffff: none
    uint flags;    // kInstanceFlag* bits
    uint material;
    uint padding;
};

#define PT_INSTANCE_FLAG_UNLIT 1u

#ifdef __cplusplus
}  // namespace pt::shaders
#endif

#endif
