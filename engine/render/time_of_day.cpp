#include "render/time_of_day.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>

namespace pt::render {
namespace {

// Late November at 22.5° N: sunrise ~06:40, sunset ~17:40, noon elevation ~46°.
constexpr float kSunrise = 6.67f;
constexpr float kSunset = 17.67f;
constexpr float kNoonElevation = 46.0f;

glm::vec3 mix3(const glm::vec3& a, const glm::vec3& b, float t) {
    return a + (b - a) * t;
}

}  // namespace

float sunElevationDegrees(float hours) {
    const float day = kSunset - kSunrise;
    const float phase = (hours - kSunrise) / day;  // 0 at sunrise, 1 at sunset
    return kNoonElevation * std::sin(glm::pi<float>() * phase) *
           (phase >= 0 && phase <= 1 ? 1.0f : 0.35f);
}

Lighting lightingAt(float hours) {
    hours = std::fmod(std::fmod(hours, 24.0f) + 24.0f, 24.0f);
    const float elevation = sunElevationDegrees(hours);
    // Azimuth from north, clockwise: east (90°) at sunrise, south (180°) at noon, west (270°).
    const float phase = std::clamp((hours - kSunrise) / (kSunset - kSunrise), 0.0f, 1.0f);
    const float azimuth = glm::radians(90.0f + 180.0f * phase);
    const float el = glm::radians(std::max(elevation, 2.0f));
    Lighting l;
    l.sunDirection = glm::normalize(glm::vec3(std::sin(azimuth) * std::cos(el), std::sin(el),
                                              -std::cos(azimuth) * std::cos(el)));
    const Lighting day;
    // 0 at full day, 1 once the sun is 6° below the horizon (civil dusk).
    const float dusk = std::clamp((12.0f - elevation) / 12.0f, 0.0f, 1.0f);
    const float night = std::clamp((0.0f - elevation) / 6.0f, 0.0f, 1.0f);
    l.sunColor = mix3(day.sunColor, glm::vec3(1.0f, 0.55f, 0.3f), dusk);
    l.sunIntensity = day.sunIntensity * (1.0f - night) * (1.0f - 0.4f * dusk);
    l.skyColor = mix3(mix3(day.skyColor, glm::vec3(0.3f, 0.24f, 0.3f), dusk),
                      glm::vec3(0.025f, 0.035f, 0.07f), night);
    l.groundColor = mix3(mix3(day.groundColor, glm::vec3(0.14f, 0.1f, 0.09f), dusk),
                         glm::vec3(0.01f, 0.012f, 0.02f), night);
    l.exposure = day.exposure * (1.0f + 1.2f * night);
    l.night = night;
    l.shadowStrength = day.shadowStrength * (1.0f - night);
    return l;
}

}  // namespace pt::render
