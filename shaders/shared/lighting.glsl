// Shading helpers shared by the scene shaders.
#ifndef PT_LIGHTING_GLSL
#define PT_LIGHTING_GLSL

// Narkowicz's fit of the ACES filmic curve: keeps bright facades from clipping to white.
vec3 tonemapAces(vec3 x) {
    const float a = 2.51, b = 0.03, c = 2.43, d = 0.59, e = 0.14;
    return clamp((x * (a * x + b)) / (x * (c * x + d) + e), 0.0, 1.0);
}

// Hemispheric ambient: sky colour from above, ground bounce from below.
vec3 hemisphereAmbient(vec3 n, vec3 sky, vec3 ground) {
    return mix(ground, sky, 0.5 + 0.5 * n.y);
}

// Cook-Torrance with GGX distribution, Smith-Schlick geometry and Schlick Fresnel: the
// specular part of the metallic-roughness model.
const float kPi = 3.14159265;

vec3 fresnelSchlick(float cosTheta, vec3 f0) {
    return f0 + (1.0 - f0) * pow(1.0 - cosTheta, 5.0);
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

#endif
