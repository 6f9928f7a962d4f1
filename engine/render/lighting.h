#pragma once
// Scene lighting as plain values: a sun and a hemispheric sky/ground ambient, plus exposure.
#include <glm/glm.hpp>

namespace pt::render {

struct Lighting {
    glm::vec3 sunDirection = glm::normalize(glm::vec3(0.45f, 0.8f, 0.35f));  // towards the sun
    float sunIntensity = 1.25f;
    glm::vec3 sunColor{1.0f, 0.96f, 0.9f};
    glm::vec3 skyColor{0.26f, 0.33f, 0.45f};  // ambient irradiance from the sky
    glm::vec3 groundColor{0.16f, 0.15f, 0.13f};
    float exposure = 1.0f;
    float night = 0.0f;  // 0 day .. 1 night: lit windows, darker sky
    float shadowStrength = 0.85f;  // 0 turns the sun's shadow map off
};

}  // namespace pt::render
