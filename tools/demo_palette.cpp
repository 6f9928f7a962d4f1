#include "demo_palette.h"

#include <glm/glm.hpp>

namespace pt::tools {

namespace {

// The palette is written as designers pick colours (sRGB); glTF base colours are linear.
glm::vec3 linear(glm::vec3 srgb) {
    return glm::pow(srgb, glm::vec3(2.2f));
}
glm::vec4 linear(glm::vec4 srgb) {
    return glm::vec4(linear(glm::vec3(srgb)), srgb.a);
}

std::uint32_t opaque(GlbBuilder& glb, const char* name, glm::vec3 colour, float metallic,
                     float roughness) {
    return glb.addMaterial(GlbMaterial{.name = name,
                                       .baseColor = glm::vec4(linear(colour), 1.0f),
                                       .metallic = metallic,
                                       .roughness = roughness});
}

glm::vec3 spandrelColour(park::BuildingUse use) {
    switch (use) {
        case park::BuildingUse::Factory:
            return {0.30f, 0.40f, 0.52f};
        case park::BuildingUse::RnD:
            return {0.20f, 0.24f, 0.30f};
        case park::BuildingUse::Dormitory:
            return {0.72f, 0.55f, 0.42f};
        case park::BuildingUse::Services:
            return {0.55f, 0.60f, 0.45f};
    }
    return {0.5f, 0.5f, 0.5f};
}

}  // namespace

DemoPalette addDemoPalette(GlbBuilder& glb, park::BuildingUse use) {
    DemoPalette p{};
    p.concrete = opaque(glb, "concrete", {0.74f, 0.73f, 0.70f}, 0.0f, 0.9f);
    p.core = opaque(glb, "core", {0.86f, 0.86f, 0.84f}, 0.0f, 0.85f);
    p.spandrel = opaque(glb, "spandrel", spandrelColour(use), 0.5f, 0.45f);
    p.glass =
        glb.addMaterial(GlbMaterial{.name = "glass",
                                    .baseColor = linear(glm::vec4{0.32f, 0.50f, 0.62f, 0.35f}),
                                    .metallic = 0.1f,
                                    .roughness = 0.05f,
                                    .blend = true,
                                    .doubleSided = true});
    p.mullion = opaque(glb, "mullion", {0.18f, 0.20f, 0.23f}, 0.8f, 0.35f);
    p.unit = opaque(glb, "unit", {0.83f, 0.81f, 0.77f}, 0.0f, 0.95f);
    p.roof = opaque(glb, "roof", {0.48f, 0.50f, 0.50f}, 0.0f, 0.95f);
    p.equipment = opaque(glb, "equipment", {0.70f, 0.73f, 0.76f}, 0.7f, 0.4f);
    p.dock = opaque(glb, "dock", {0.42f, 0.42f, 0.44f}, 0.0f, 0.9f);
    p.door = opaque(glb, "door", {0.85f, 0.55f, 0.15f}, 0.3f, 0.5f);
    p.canopy = opaque(glb, "canopy", {0.22f, 0.25f, 0.30f}, 0.6f, 0.4f);
    p.asphalt = opaque(glb, "asphalt", {0.17f, 0.17f, 0.18f}, 0.0f, 0.95f);
    p.marking =
        glb.addMaterial(GlbMaterial{.name = "marking",
                                    .baseColor = linear(glm::vec4{0.95f, 0.95f, 0.92f, 1.0f}),
                                    .roughness = 0.7f,
                                    .emissive = {0.05f, 0.05f, 0.05f}});
    p.grass = opaque(glb, "grass", {0.40f, 0.50f, 0.33f}, 0.0f, 1.0f);
    p.paving = opaque(glb, "paving", {0.62f, 0.60f, 0.56f}, 0.0f, 0.9f);
    p.trunk = opaque(glb, "trunk", {0.36f, 0.26f, 0.18f}, 0.0f, 1.0f);
    p.foliage = opaque(glb, "foliage", {0.16f, 0.42f, 0.18f}, 0.0f, 1.0f);
    p.pad = opaque(glb, "pad", {0.25f, 0.27f, 0.30f}, 0.2f, 0.7f);
    p.padMarking =
        glb.addMaterial(GlbMaterial{.name = "pad marking",
                                    .baseColor = linear(glm::vec4{1.0f, 0.80f, 0.10f, 1.0f}),
                                    .roughness = 0.6f,
                                    .emissive = {0.30f, 0.22f, 0.0f}});
    p.charger =
        glb.addMaterial(GlbMaterial{.name = "charger",
                                    .baseColor = linear(glm::vec4{0.90f, 0.92f, 0.95f, 1.0f}),
                                    .metallic = 0.3f,
                                    .roughness = 0.4f,
                                    .emissive = {0.0f, 0.25f, 0.10f}});
    p.droneBody = opaque(glb, "drone", {0.10f, 0.10f, 0.12f}, 0.5f, 0.4f);
    p.camera = opaque(glb, "camera", {0.92f, 0.92f, 0.92f}, 0.2f, 0.5f);
    return p;
}

}  // namespace pt::tools
