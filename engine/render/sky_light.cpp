#include "render/sky_light.h"

#include <algorithm>
#include <cmath>

namespace pt::render {
namespace {

constexpr float kPi = 3.14159265358979f;

float luminance(const glm::vec3& c) {
    return glm::dot(c, glm::vec3(0.2126f, 0.7152f, 0.0722f));
}

// The sky above the horizon: envRadiance for d.y >= 0, kept in step with skyRadiance in
// shaders/shared/lighting.glsl.
glm::vec3 skyAbove(const Lighting& l, float up) {
    const glm::vec3 zenith = l.skyColor * glm::vec3(1.2f, 1.6f, 2.6f);
    const glm::vec3 horizon =
        glm::mix(l.skyColor * 2.6f, glm::vec3(1.0f, 0.97f, 0.92f), 0.35f * (1.0f - l.night));
    return glm::mix(horizon, zenith, std::pow(std::clamp(up, 0.0f, 1.0f), 0.6f));
}

}  // namespace

std::array<float, 9> shBasis(const glm::vec3& d) {
    return {0.282095f,
            0.488603f * d.y,
            0.488603f * d.z,
            0.488603f * d.x,
            1.092548f * d.x * d.y,
            1.092548f * d.y * d.z,
            0.315392f * (3.0f * d.z * d.z - 1.0f),
            1.092548f * d.x * d.z,
            0.546274f * (d.x * d.x - d.y * d.y)};
}

Sh9 projectSh9(const std::function<glm::vec3(const glm::vec3&)>& radiance, int thetaSteps) {
    Sh9 sh{};
    const int phiSteps = 2 * thetaSteps;
    const float cellSolidAngle = 4.0f * kPi / float(thetaSteps * phiSteps);
    for (int i = 0; i < thetaSteps; ++i) {
        const float cosTheta = 1.0f - 2.0f * (float(i) + 0.5f) / float(thetaSteps);
        const float sinTheta = std::sqrt(std::max(0.0f, 1.0f - cosTheta * cosTheta));
        for (int j = 0; j < phiSteps; ++j) {
            const float phi = 2.0f * kPi * (float(j) + 0.5f) / float(phiSteps);
            // y up: theta measured from +y.
            const glm::vec3 d{sinTheta * std::cos(phi), cosTheta, sinTheta * std::sin(phi)};
            const glm::vec3 value = radiance(d) * cellSolidAngle;
            const auto basis = shBasis(d);
            for (int k = 0; k < 9; ++k)
                sh[k] += value * basis[k];
        }
    }
    return sh;
}

glm::vec3 evalSh9(const Sh9& sh, const glm::vec3& d) {
    const auto basis = shBasis(d);
    glm::vec3 sum(0.0f);
    for (int k = 0; k < 9; ++k)
        sum += sh[k] * basis[k];
    return sum;
}

Sh9 cosineConvolved(const Sh9& radiance) {
    Sh9 out = radiance;
    for (int k = 1; k < 4; ++k)
        out[k] *= 2.0f / 3.0f;
    for (int k = 4; k < 9; ++k)
        out[k] *= 0.25f;
    return out;
}

glm::vec3 envRadiance(const Lighting& l, const glm::vec3& d) {
    if (d.y >= 0.0f) return skyAbove(l, d.y);
    // Below the horizon: the ground's bounce, hazing into the horizon colour near it.
    return glm::mix(l.groundColor, skyAbove(l, 0.0f), std::exp(12.0f * d.y));
}

SkyLight skyLight(const Lighting& l) {
    SkyLight out;
    const Sh9 sky = projectSh9([&](const glm::vec3& d) { return envRadiance(l, d); });
    out.blurredSky = cosineConvolved(sky);
    // What an upward face would receive from the visible sky alone (the lower hemisphere is
    // outside its cosine lobe), against the designed ambient level.
    const Sh9 upperOnly = cosineConvolved(projectSh9(
        [&](const glm::vec3& d) { return d.y >= 0.0f ? skyAbove(l, d.y) : glm::vec3(0.0f); }));
    const float skyLevel = luminance(evalSh9(upperOnly, {0.0f, 1.0f, 0.0f}));
    const float scale = skyLevel > 1e-6f ? luminance(l.skyColor) / skyLevel : 1.0f;
    out.ambient = cosineConvolved(projectSh9([&](const glm::vec3& d) {
        if (d.y >= 0.0f) return skyAbove(l, d.y) * scale;
        return glm::mix(l.groundColor, skyAbove(l, 0.0f) * scale, std::exp(12.0f * d.y));
    }));
    return out;
}

}  // namespace pt::render
