#include <catch2/catch.hpp>

#include "twin/fly_navigation.h"

using namespace pt;
using Catch::Matchers::WithinAbs;

TEST_CASE("fly mode starts looking where the camera looked", "[fly]") {
    render::Camera c;
    c.eye = {10, 20, 30};
    c.target = {10, 10, 20};  // down 45 degrees, towards -Z
    const twin::FlyState s = twin::startFly(c);
    CHECK(s.eye == c.eye);
    CHECK_THAT(s.yaw, WithinAbs(0.0, 1e-5));
    CHECK_THAT(s.pitch, WithinAbs(-M_PI / 4, 1e-5));
    const render::Camera back = twin::flyCamera(s, c, 10.0f * std::sqrt(2.0f));
    CHECK_THAT(back.target.x, WithinAbs(10, 1e-3));
    CHECK_THAT(back.target.y, WithinAbs(10, 1e-3));
    CHECK_THAT(back.target.z, WithinAbs(20, 1e-3));
}

TEST_CASE("WASD moves along the view, Q/E vertically, Shift faster", "[fly]") {
    twin::FlyState s{.eye = {0, 50, 0}, .yaw = float(M_PI / 2), .pitch = 0};  // looking +X
    const twin::FlyOptions o{.speed = 10.0f, .fastFactor = 3.0f};
    twin::stepFly(s, {.forward = true}, 1.0f, o);
    CHECK_THAT(s.eye.x, WithinAbs(10, 1e-4));
    CHECK_THAT(s.eye.z, WithinAbs(0, 1e-4));
    twin::stepFly(s, {.right = true, .fast = true}, 1.0f, o);  // right of +X is +Z
    CHECK_THAT(s.eye.z, WithinAbs(30, 1e-4));
    twin::stepFly(s, {.up = true}, 0.5f, o);
    CHECK_THAT(s.eye.y, WithinAbs(55, 1e-4));
    // Forward and sideways together move at the same speed, not faster.
    const glm::vec3 before = s.eye;
    twin::stepFly(s, {.forward = true, .left = true}, 1.0f, o);
    CHECK_THAT(glm::length(s.eye - before), WithinAbs(10, 1e-4));
}

TEST_CASE("the mouse turns and pitch is limited, the ground stops the eye", "[fly]") {
    twin::FlyState s{.eye = {0, 5, 0}};
    const twin::FlyOptions o{
        .speed = 10.0f, .turnPerPixel = 0.01f, .maxPitch = 1.0f, .minHeight = 2.0f};
    twin::stepFly(s, {.mouseDx = 50, .mouseDy = 500}, 0.0f, o);
    CHECK_THAT(s.yaw, WithinAbs(0.5, 1e-5));
    CHECK_THAT(s.pitch, WithinAbs(-1.0, 1e-5));     // clamped looking down
    twin::stepFly(s, {.forward = true}, 10.0f, o);  // dives into the ground
    CHECK(s.eye.y == 2.0f);
    CHECK(s.eye.x > 10.0f);  // still moved forward
}
