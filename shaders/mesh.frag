#version 450
#include "scene_types.h"
#include "lighting.glsl"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };

layout(location = 0) in vec3 inWorldPos;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inColor;
layout(location = 3) flat in uint inFlags;

layout(location = 0) out vec4 outColor;

void main() {
    vec3 base = inColor.rgb;
    if ((inFlags & PT_INSTANCE_FLAG_UNLIT) != 0u) {
        outColor = vec4(tonemapAces(base * globals.skyColor.w), inColor.a);
        return;
    }
    vec3 n = normalize(gl_FrontFacing ? inNormal : -inNormal);
    vec3 l = normalize(globals.sunDirection.xyz);
    vec3 v = normalize(globals.cameraPosition.xyz - inWorldPos);
    vec3 h = normalize(l + v);
    float ndotl = max(dot(n, l), 0.0);
    float spec = pow(max(dot(n, h), 0.0), 48.0) * 0.25 * step(0.0, ndotl);
    vec3 sun = globals.sunColor.rgb * globals.sunDirection.w;
    vec3 ambient = hemisphereAmbient(n, globals.skyColor.rgb, globals.groundColor.rgb);
    vec3 lit = base * (ambient + sun * ndotl) + sun * spec;
    float alpha = inColor.a;
    if (alpha < 0.999) {
        // Glass: mostly a reflection of the sky, more so at grazing angles (Schlick fresnel).
        float fresnel = 0.04 + 0.96 * pow(1.0 - max(dot(n, v), 0.0), 5.0);
        vec3 r = reflect(-v, n);
        vec3 skyReflection = mix(globals.groundColor.rgb * 1.5, globals.skyColor.rgb * vec3(1.4, 1.8, 2.6),
                                 smoothstep(-0.2, 0.3, r.y));
        lit = mix(lit, skyReflection, 0.35 + 0.5 * fresnel) + sun * spec * 2.0;
        alpha = mix(alpha, 1.0, fresnel);
    }
    outColor = vec4(tonemapAces(lit * globals.skyColor.w), alpha);
}
