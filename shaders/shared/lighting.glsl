// Shading helpers shared by the scene shaders.
#ifndef PT_LIGHTING_GLSL
#define PT_LIGHTING_GLSL

// Narkowicz's fit of the ACES filmic curve: keeps bright facades from clipping to white.
vec3 tonemapAces(vec3 x) {
    const float a = 2.51, b = 0.03, c = 2.43, d = 0.59, e = 0.14;
    return clamp((x * (a * x + b)) / (x * (c * x + d) + e), 0.0, 1.0);
}

// The sky model, shared by sky.frag (what is seen) and the reflections of mesh.frag; the CPU
// copy in engine/render/sky_light.cpp projects it into the spherical-harmonic ambient. Keep the
// three in step. `sky`: Lighting::skyColor; `up`: the direction's height above the horizon.
vec3 skyAbove(vec3 sky, float night, float up) {
    vec3 zenith = sky * vec3(1.2, 1.6, 2.6);
    vec3 horizon = mix(sky * 2.6, vec3(1.0, 0.97, 0.92), 0.35 * (1.0 - night));
    return mix(horizon, zenith, pow(clamp(up, 0.0, 1.0), 0.6));
}

// The environment in direction d without the sun disc: the sky above the horizon, the ground's
// bounce below it, hazing into the horizon colour near it.
vec3 envRadiance(vec3 d, vec3 sky, vec3 ground, float night) {
    if (d.y >= 0.0) return skyAbove(sky, night, d.y);
    return mix(ground, skyAbove(sky, night, 0.0), exp(12.0 * d.y));
}

// Order-2 spherical harmonics (rgb in xyz) at unit direction d; basis as in sky_light.cpp.
vec3 evalSh9(vec4 c[9], vec3 d) {
    return c[0].rgb * 0.282095 +
           (c[1].rgb * d.y + c[2].rgb * d.z + c[3].rgb * d.x) * 0.488603 +
           (c[4].rgb * (d.x * d.y) + c[5].rgb * (d.y * d.z) + c[7].rgb * (d.x * d.z)) * 1.092548 +
           c[6].rgb * (0.315392 * (3.0 * d.z * d.z - 1.0)) +
           c[8].rgb * (0.546274 * (d.x * d.x - d.y * d.y));
}

// The same split into even (bands 0 and 2) and odd (band 1) parts: at -d the odd part flips.
vec3 evalSh9Even(vec4 c[9], vec3 d) {
    return c[0].rgb * 0.282095 +
           (c[4].rgb * (d.x * d.y) + c[5].rgb * (d.y * d.z) + c[7].rgb * (d.x * d.z)) * 1.092548 +
           c[6].rgb * (0.315392 * (3.0 * d.z * d.z - 1.0)) +
           c[8].rgb * (0.546274 * (d.x * d.x - d.y * d.y));
}
vec3 evalSh9Odd(vec4 c[9], vec3 d) {
    return (c[1].rgb * d.y + c[2].rgb * d.z + c[3].rgb * d.x) * 0.488603;
}

// Karis' analytic fit of the split-sum environment BRDF ("Physically Based Shading on
// Mobile"): scale and bias applied to f0.
vec2 envBrdfApprox(float ndotv, float roughness) {
    const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
    const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
    vec4 r = roughness * c0 + c1;
    float a004 = min(r.x * r.x, exp2(-9.28 * ndotv)) * r.x + r.y;
    return vec2(-1.04, 1.04) * a004 + r.zw;
}

// Cook-Torrance with GGX distribution, Smith-Schlick geometry and Schlick Fresnel: the
// specular part of the metallic-roughness model.
const float kPi = 3.14159265;

// (1 - c)^5 by multiplication: pow() is a log and an exp per pixel on a CPU rasteriser.
float schlickWeight(float cosTheta) {
    float m = clamp(1.0 - cosTheta, 0.0, 1.0);
    float m2 = m * m;
    return m2 * m2 * m;
}

vec3 fresnelSchlick(float cosTheta, vec3 f0) {
    return f0 + (1.0 - f0) * schlickWeight(cosTheta);
}

vec3 ggxSpecular(vec3 n, vec3 v, vec3 l, float roughness, vec3 f0) {
    vec3 h = normalize(v + l);
    float ndoth = max(dot(n, h), 0.0), ndotv = max(dot(n, v), 1e-4), ndotl = max(dot(n, l), 1e-4);
    float a = roughness * roughness;
    float a2 = a * a;
    float d = ndoth * ndoth * (a2 - 1.0) + 1.0;
    float D = a2 / (kPi * d * d);
    float k = (roughness + 1.0) * (roughness + 1.0) / 8.0;
    float G = (ndotv / (ndotv * (1.0 - k) + k)) * (ndotl / (ndotl * (1.0 - k) + k));
    vec3 F = fresnelSchlick(max(dot(h, v), 0.0), f0);
    return D * G * F / (4.0 * ndotv * ndotl);
}

#endif
