#version 450
// A full-screen triangle at the far plane (reversed-Z: depth 0). What is the same for every
// pixel is worked out here, once, instead of per pixel in sky.frag.
#include "scene_types.h"
#include "lighting.glsl"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
// The far-plane point under the pixel (homogeneous: linear across the screen).
layout(location = 0) out vec4 outFarPoint;
layout(location = 1) flat out vec3 outHorizon;       // the sky colour at the horizon
layout(location = 2) flat out vec3 outGroundLight;   // sky light on the ground (n = up)

void main() {
    vec2 p = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2) * 2.0 - 1.0;
    outFarPoint = globals.inverseViewProj * vec4(p, 0.0001, 1.0);
    outHorizon = skyAbove(globals.skyColor.rgb, globals.params.z, 0.0);
    outGroundLight = evalSh9(globals.ambientSh, vec3(0.0, 1.0, 0.0));
    gl_Position = vec4(p, 0.0, 1.0);
}
