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

#endif
