#include <catch2/catch.hpp>

#include <cmath>

#include "render/sky_light.h"
#include "render/time_of_day.h"

using namespace pt::render;

namespace {

constexpr float kPi = 3.14159265f;

float luminance(const glm::vec3& c) {
    return glm::dot(c, glm::vec3(0.2126f, 0.7152f, 0.0722f));
}

const glm::vec3 kDirections[] = {{0, 1, 0},  {0, -1, 0},      {1, 0, 0},
                                 {0, 0, -1}, {0.6f, 0.8f, 0}, {-0.48f, -0.6f, 0.64f}};

}  // namespace

TEST_CASE("SH projection of a constant and its irradiance, up to the quadrature", "[sky_light]") {
    const glm::vec3 c{0.2f, 0.5f, 1.5f};
    const Sh9 sh = projectSh9([&](const glm::vec3&) { return c; });
    // Only band 0: c * integral(Y00) = c * sqrt(4 pi).
    CHECK(sh[0].z == Approx(1.5f * std::sqrt(4.0f * kPi)).epsilon(1e-4));
    for (int k = 1; k < 9; ++k)
        CHECK(glm::length(sh[k]) < 1e-3f * glm::length(sh[0]));
    // A white Lambertian surface under a uniform sky of radiance c reflects c in any direction
    // (the 32 x 64 midpoint grid integrates band 2 to about 1e-3).
    for (const glm::vec3& d : kDirections) {
        CHECK(evalSh9(sh, d).y == Approx(0.5f).epsilon(3e-3));
        CHECK(evalSh9(cosineConvolved(sh), d).z == Approx(1.5f).epsilon(3e-3));
    }
}

TEST_CASE("SH projection reproduces band-1 and band-2 functions", "[sky_light]") {
    // x*z + y lies in bands 1 and 2, so nine coefficients represent it exactly.
    const auto f = [](const glm::vec3& d) { return glm::vec3(d.x * d.z + d.y); };
    const Sh9 sh = projectSh9(f, 64);
    for (const glm::vec3& d : kDirections) {
        const glm::vec3 n = glm::normalize(d);
        CHECK(evalSh9(sh, n).x == Approx(f(n).x).margin(2e-3));
        // The cosine convolution scales band 1 by 2/3 and band 2 by 1/4.
        CHECK(evalSh9(cosineConvolved(sh), n).x ==
              Approx(0.25f * n.x * n.z + 2.0f / 3.0f * n.y).margin(2e-3));
    }
}

TEST_CASE("SH irradiance of a bright upper hemisphere", "[sky_light]") {
    // Radiance 1 from above, 0 from below: an upward face reflects 1, a downward one 0, a
    // vertical one 1/2 (order-2 harmonics approximate the clamped cosine within ~10 %).
    const Sh9 e = cosineConvolved(
        projectSh9([](const glm::vec3& d) { return glm::vec3(d.y > 0.0f ? 1.0f : 0.0f); }, 64));
    CHECK(evalSh9(e, {0, 1, 0}).x == Approx(1.0f).margin(0.1));
    CHECK(evalSh9(e, {0, -1, 0}).x == Approx(0.0f).margin(0.1));
    CHECK(evalSh9(e, {1, 0, 0}).x == Approx(0.5f).margin(0.02));
}

TEST_CASE("Sky ambient keeps the designed level and follows the time of day", "[sky_light]") {
    for (float hours : {8.0f, 12.0f, 17.5f, 22.0f}) {
        const Lighting l = lightingAt(hours);
        const SkyLight sky = skyLight(l);
        INFO("hours " << hours);
        // An upward face: the sky's part is normalised to skyColor's luminance; the ground
        // below the horizon adds nothing to it (up to the harmonics' ringing).
        CHECK(luminance(evalSh9(sky.ambient, {0, 1, 0})) ==
              Approx(luminance(l.skyColor)).epsilon(0.1));
        // Downward faces see the ground's bounce, which is darker than the sky by day.
        const glm::vec3 down = evalSh9(sky.ambient, {0, -1, 0});
        CHECK(luminance(down) < luminance(evalSh9(sky.ambient, {0, 1, 0})));
        // The visible sky keeps its blue zenith: more blue than red straight up.
        const glm::vec3 zenith = evalSh9(sky.blurredSky, {0, 1, 0});
        CHECK(zenith.b > zenith.r);
    }
    // Night is much darker than noon.
    CHECK(luminance(evalSh9(skyLight(lightingAt(23.0f)).ambient, {0, 1, 0})) <
          0.3f * luminance(evalSh9(skyLight(lightingAt(12.0f)).ambient, {0, 1, 0})));
}

TEST_CASE("envRadiance: sky above the horizon, ground below, continuous at the horizon",
          "[sky_light]") {
    const Lighting l;
    const glm::vec3 above = envRadiance(l, glm::normalize(glm::vec3(1, 1e-4f, 0)));
    const glm::vec3 below = envRadiance(l, glm::normalize(glm::vec3(1, -1e-4f, 0)));
    CHECK(glm::length(above - below) < 0.01f);
    const glm::vec3 ground = envRadiance(l, {0, -1, 0});
    CHECK(glm::length(ground - l.groundColor) < 1e-4f);
    CHECK(luminance(envRadiance(l, {0, 1, 0})) > luminance(ground));
}
