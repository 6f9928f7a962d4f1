#pragma once
// Scene lighting as plain values: a sun, the sky model's colours (from which the renderer derives
// the image-based ambient, see sky_light.h), plus exposure.
#include <glm/glm.hpp>

namespace pt::render {

struct Lighting {
    // From the back-left of the default three-quarter views, so shadows fall where they show.
    glm::vec3 sunDirection = glm::normalize(glm::vec3(-0.35f, 0.75f, -0.55f));  // towards the sun
    float sunIntensity = 1.25f;
    glm::vec3 sunColor{1.0f, 0.96f, 0.9f};
    // The sky's ambient level (what an upward white face reflects of it); the visible sky is
    // painted from it (brighter, bluer at the zenith, paler at the horizon).
    glm::vec3 skyColor{0.26f, 0.33f, 0.45f};
    glm::vec3 groundColor{0.16f, 0.15f, 0.13f};  // the ground's bounce light below the horizon
    // Narkowicz's ACES fit brightens mid-tones by about 1.6x; this brings them back.
    float exposure = 0.65f;
    float night = 0.0f;            // 0 day .. 1 night: lit windows, darker sky
    float shadowStrength = 0.85f;  // 0 turns the sun's shadow map off
};

}  // namespace pt::render
