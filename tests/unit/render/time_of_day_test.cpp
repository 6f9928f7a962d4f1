#include <catch2/catch.hpp>

#include "render/time_of_day.h"

using namespace pt::render;

TEST_CASE("The sun rises in the east, culminates in the south and sets in the west", "[time]") {
    CHECK(sunElevationDegrees(3.0f) < 0.0f);
    CHECK(sunElevationDegrees(12.17f) == Approx(46.0f).margin(0.5));
    CHECK(sunElevationDegrees(22.0f) < 0.0f);
    const Lighting morning = lightingAt(8.0f), noon = lightingAt(12.17f),
                   evening = lightingAt(16.5f);
    CHECK(morning.sunDirection.x > 0.3f);   // east is +X
    CHECK(evening.sunDirection.x < -0.3f);  // west
    CHECK(noon.sunDirection.z > 0.5f);      // south is +Z (north is -Z)
    CHECK(noon.sunDirection.y > morning.sunDirection.y);
}

TEST_CASE("Night turns the sun and its shadows off and lights the windows", "[time]") {
    const Lighting night = lightingAt(22.0f), noon = lightingAt(12.0f), dusk = lightingAt(17.4f);
    CHECK(night.night == Approx(1.0f));
    CHECK(night.sunIntensity == Approx(0.0f));
    CHECK(night.shadowStrength == Approx(0.0f));
    CHECK(noon.night == Approx(0.0f));
    CHECK(noon.sunIntensity > dusk.sunIntensity);
    CHECK(dusk.sunColor.b < noon.sunColor.b);  // a warmer sun low in the sky
    CHECK(lightingAt(24.0f + 12.0f).sunIntensity == Approx(noon.sunIntensity));
}
