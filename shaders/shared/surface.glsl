// The interface between mesh.vert and mesh.frag (mesh.vert defines PT_SURFACE_OUT first); both
// are compiled with and without PT_VARIANT_TEXTURED. Whatever is constant over a triangle
// (material, the entity's look, flags) or varies slowly over it (sky light, the reflection of
// a rough surface) is computed per vertex: a CPU rasteriser runs every fragment-shader
// instruction for every covered pixel, both sides of every branch included, so the fragment
// shader keeps only what must vary per pixel (normal, view direction, sun and shadow).
#ifndef PT_SURFACE_GLSL
#define PT_SURFACE_GLSL

#ifdef PT_SURFACE_OUT
#define PT_IO out
#else
#define PT_IO in
#endif

layout(location = 0) PT_IO vec3 vWorldPos;
layout(location = 1) PT_IO vec3 vNormal;
// Untextured: the base colour with the entity's look applied. Textured: the factor the base
// colour texture is multiplied by (instance colour x the look's scale). a: opacity.
layout(location = 2) flat PT_IO vec4 vBase;
// rgb: self-illumination (the entity's look, and the material's unless it has an emissive
// map), a: 1 for a window lit at night.
layout(location = 3) flat PT_IO vec4 vEmissive;
// metallic, roughness, occlusion strength, normal-map strength.
layout(location = 4) flat PT_IO vec4 vPbr;
layout(location = 5) flat PT_IO uint vEntity;
layout(location = 6) flat PT_IO uint vFlags;  // PT_INSTANCE_FLAG_*
#ifdef PT_VARIANT_TEXTURED
layout(location = 7) PT_IO vec2 vUv;
// rgb: added to the base colour after the factor (overlay, selection and alert tints).
layout(location = 8) flat PT_IO vec3 vTint;
// Diffuse sky light at the vertex normal, split into even (bands 0 and 2) and odd (band 1)
// spherical harmonics: a back face (-n) receives even - odd.
layout(location = 9) PT_IO vec3 vShEven;
layout(location = 10) PT_IO vec3 vShOdd;
// The environment's reflection, split-sum: prefiltered radiance x the environment BRDF's
// scale (times f0, per pixel) and bias.
layout(location = 11) PT_IO vec3 vEnvScale;
layout(location = 12) PT_IO vec3 vEnvBias;
layout(location = 13) flat PT_IO uvec4 vLayers;          // texture layers, see MaterialData
layout(location = 14) flat PT_IO vec3 vMaterialEmissive;  // x the emissive map
#else
// The whole image-based ambient (diffuse sky light and the reflection) of the front face,
// and of the back face (two-sided pipelines: glass, cut buildings, ghosts).
layout(location = 7) PT_IO vec3 vAmbientFront;
layout(location = 8) PT_IO vec3 vAmbientBack;
#endif

#endif
