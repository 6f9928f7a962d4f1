#pragma once
// Image-based ambient from the sky model that shaders/sky.frag paints (the same formulas as
// envRadiance in shaders/shared/lighting.glsl), as order-2 spherical harmonics: nine
// coefficients per colour channel that the scene shader evaluates per pixel for the diffuse
// ambient and the blurred part of the specular. Cheap on a CPU rasteriser (9 multiply-adds,
// no texture), and recomputed on the CPU only when the lighting (time of day) changes. Pure.
#include <array>
#include <functional>

#include <glm/glm.hpp>

#include "render/lighting.h"

namespace pt::render {

// Real spherical harmonics of bands 0..2 (Sloan's ordering: Y00, Y1-1, Y10, Y11, Y2-2 .. Y22),
// y is up; one rgb coefficient per basis function.
using Sh9 = std::array<glm::vec3, 9>;

// The nine basis functions at unit direction `d`.
std::array<float, 9> shBasis(const glm::vec3& d);

// Projects `radiance` over the sphere by numerical integration on a grid of
// `thetaSteps` x 2*thetaSteps equal-solid-angle cells (uniform in cos(theta) and phi).
Sh9 projectSh9(const std::function<glm::vec3(const glm::vec3&)>& radiance, int thetaSteps = 32);

glm::vec3 evalSh9(const Sh9& sh, const glm::vec3& d);

// Convolution with the clamped cosine, divided by pi (Ramamoorthi and Hanrahan): bands scaled by
// 1, 2/3 and 1/4. Evaluated at a normal n it gives the irradiance / pi, i.e. what a white
// Lambertian surface reflects — this renderer's units for ambient light.
Sh9 cosineConvolved(const Sh9& radiance);

// Radiance of the environment in direction `d` (unit), without the sun disc (the sun is the
// direct light): the sky's gradient from horizon to zenith above, the ground's bounce below,
// hazing into the horizon colour near it.
glm::vec3 envRadiance(const Lighting& lighting, const glm::vec3& d);

struct SkyLight {
    // Ambient irradiance / pi. The visible sky is deliberately brighter than the light it casts
    // (Lighting::skyColor is the designed ambient level): its part is scaled so that an upward
    // face receives the luminance of skyColor, keeping the sky's hue and its horizon-to-zenith
    // distribution. The ground's part is Lighting::groundColor as it is.
    Sh9 ambient;
    // The visible environment blurred by the cosine lobe (unscaled): reflections on rough
    // surfaces (sharp ones evaluate envRadiance directly).
    Sh9 blurredSky;
};

SkyLight skyLight(const Lighting& lighting);

}  // namespace pt::render
