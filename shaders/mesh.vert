#version 450
// Scene surfaces: world position and normal, and everything the fragment shader would
// otherwise work out per pixel though it is constant over a triangle or varies slowly over it
// (see shared/surface.glsl). Compiled with and without PT_VARIANT_TEXTURED.
#include "scene_types.h"
#include "lighting.glsl"

layout(set = 0, binding = 0) uniform Globals { FrameGlobals globals; };
layout(std430, set = 0, binding = 1) readonly buffer Instances { InstanceData instances[]; };
layout(std430, set = 0, binding = 2) readonly buffer Entities { EntityState entities[]; };
layout(std430, set = 0, binding = 5) readonly buffer Materials { MaterialData materials[]; };

#include "entity_look.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec2 inUv;

#define PT_SURFACE_OUT
#include "surface.glsl"

void main() {
    InstanceData inst = instances[gl_InstanceIndex];
    vec4 world = inst.model * vec4(inPosition, 1.0);
    gl_Position = globals.viewProj * world;
    vWorldPos = world.xyz;
    // Instances are rotations, translations and (near-)uniform scales, so the model matrix
    // itself turns normals correctly once renormalised.
    vec3 n = normalize(mat3(inst.model) * inNormal);
    vNormal = n;
    vEntity = inst.entity;
    vFlags = inst.flags;

    MaterialData material = materials[inst.material];
    EntityState state = EntityState(0u, 0u, 0.0, 0u);
    if (inst.entity < globals.ids.y) state = entities[inst.entity];
    EntityLook look = entityLook(state, inst.entity, globals);
    // At night about two windows in three are lit, varying by entity so floors differ: glass
    // in the transparent pass lights them (mesh.frag's glass variant), untextured opaque glass
    // (far stand-ins for a facade) mesh.frag's window variant, textured opaque glass here.
    // (vEmissive.a carries the entity's hash: the window variant sets a unit's share of lit
    // windows from it; the glass variant compares it with 0.33 as here.)
    float unitHash = fract(sin(float(inst.entity) * 12.9898) * 43758.5453);
    float litWindow = step(0.33, unitHash);
    bool opaqueGlass = (inst.flags & PT_INSTANCE_FLAG_GLASS) != 0u && inst.color.a >= 0.999;
    // (As bright as the glow seen through the see-through glass, which blends it at ~40 %.)
    vec3 windowLight = vec3(1.0, 0.78, 0.45) * (0.36 * litWindow * globals.params.z) *
                       float(opaqueGlass);
    vPbr = vec4(material.metallic, material.roughness, material.occlusionStrength,
                material.emissive.w);

    // The reflection of the sky model, blended towards its blurred harmonics by roughness,
    // times the split-sum environment BRDF (scale for f0, bias).
    vec3 v = normalize(globals.cameraPosition.xyz - world.xyz);
    float roughness = clamp(material.roughness, 0.05, 1.0);
    vec3 r = reflect(-v, n);
    vec3 sharpSky = envRadiance(r, globals.skyColor.rgb, globals.groundColor.rgb, globals.params.z);
    vec3 prefiltered = mix(sharpSky, evalSh9(globals.skySh, r), roughness);
    vec2 envBrdf = envBrdfApprox(max(dot(n, v), 1e-4), roughness);
    vec3 shEven = evalSh9Even(globals.ambientSh, n);
    vec3 shOdd = evalSh9Odd(globals.ambientSh, n);
#ifdef PT_VARIANT_TEXTURED
    vBase = vec4(inst.color.rgb * look.scale, inst.color.a);
    vTint = look.offset;
    vUv = inUv;
    vLayers = material.layers;
    vMaterialEmissive = material.emissive.rgb;
    bool emissiveMap = material.layers.w != 0u;
    vEmissive = vec4(look.emissive + windowLight + (emissiveMap ? vec3(0.0) : material.emissive.rgb),
                     unitHash);
    vShEven = shEven;
    vShOdd = shOdd;
    vEnvScale = prefiltered * envBrdf.x;
    vEnvBias = prefiltered * envBrdf.y;
#else
    vec3 base = inst.color.rgb * look.scale + look.offset;
    vBase = vec4(base, inst.color.a);
    // Untextured opaque glass is drawn by mesh.frag's window variant, which lights its windows
    // one by one; only textured opaque glass takes the uniform glow from here.
    vEmissive = vec4(look.emissive + material.emissive.rgb, unitHash);
    float metallic = clamp(material.metallic, 0.0, 1.0);
    vec3 diffuse = base * (1.0 - metallic);
    vec3 specular = prefiltered * (mix(vec3(0.04), base, metallic) * envBrdf.x + envBrdf.y);
    vAmbientFront = diffuse * (shEven + shOdd) + specular;
    // The back face's reflection is rarely seen (inside cut buildings, far sides of glass):
    // the front one stands in for it.
    vAmbientBack = diffuse * (shEven - shOdd) + specular;
#endif
}
