#include <catch2/catch.hpp>

#include "test_park.h"
#include "twin/camera_animation.h"
#include "twin/inspection.h"

using namespace pt;
using render::Camera;
using twin::CameraFlight;
using twin::test::BandedPark;
using twin::test::TwoBuildingPark;

namespace {

std::array<glm::vec3, 8> corners(const assets::Bounds& b) {
    std::array<glm::vec3, 8> out;
    for (int c = 0; c < 8; ++c)
        out[c] = {c & 1 ? b.max.x : b.min.x, c & 2 ? b.max.y : b.min.y, c & 4 ? b.max.z : b.min.z};
    return out;
}

// Every corner in front of the camera and inside the clip volume (|x|, |y| <= 1, depth 0..1).
// Returns the largest |x| or |y| seen, to check the fit is also reasonably tight.
float checkInsideFrustum(const Camera& camera, float aspect, const assets::Bounds& bounds) {
    const glm::mat4 vp = camera.viewProjection(aspect);
    float extent = 0.0f;
    for (const glm::vec3& p : corners(bounds)) {
        const glm::vec4 clip = vp * glm::vec4(p, 1.0f);
        INFO("corner " << p.x << " " << p.y << " " << p.z);
        REQUIRE(clip.w > 0.0f);
        const glm::vec3 ndc = glm::vec3(clip) / clip.w;
        CHECK(std::abs(ndc.x) <= 1.0f);
        CHECK(std::abs(ndc.y) <= 1.0f);
        CHECK(ndc.z >= 0.0f);
        CHECK(ndc.z <= 1.0f);
        extent = std::max({extent, std::abs(ndc.x), std::abs(ndc.y)});
    }
    return extent;
}

assets::Bounds box(glm::vec3 min, glm::vec3 max) {
    assets::Bounds b;
    b.add(min);
    b.add(max);
    return b;
}

}  // namespace

TEST_CASE("Framing puts the whole bounds inside the frustum, keeping the view direction",
          "[camera-animation]") {
    const std::array boxes{box({-20, 0, -15}, {20, 60, 15}), box({100, 0, 0}, {140, 18, 30}),
                           box({0, 0, 0}, {400, 2, 5}), box({3, 3, 3}, {3.2f, 3.1f, 3.05f})};
    for (float aspect : {0.5f, 1.0f, 16.0f / 9.0f, 3.0f}) {
        for (const assets::Bounds& b : boxes) {
            Camera current;  // eye (60, 45, 60) looking at the origin
            const glm::vec3 dir = glm::normalize(current.target - current.eye);
            const Camera c = twin::frameBounds(current, b, aspect);
            INFO("aspect " << aspect << " size " << b.size().x << " " << b.size().y);
            const float extent = checkInsideFrustum(c, aspect, b);
            CHECK(extent > 0.3f);  // framed, not a speck in the distance
            CHECK(glm::length(glm::normalize(c.target - c.eye) - dir) < 1e-4f);
            CHECK(c.target == b.center());
            CHECK(c.fovYDegrees == current.fovYDegrees);
        }
    }
}

TEST_CASE("Framing along a given direction, straight down, and orthographic",
          "[camera-animation]") {
    const assets::Bounds b = box({-20, 0, -15}, {20, 60, 15});
    const Camera side = twin::frameBounds({}, b, 1.5f, {1, 0, 0});
    checkInsideFrustum(side, 1.5f, b);
    CHECK(side.eye.x < b.min.x);
    CHECK(side.eye.y == Approx(b.center().y));

    const Camera down = twin::frameBounds({}, b, 1.0f, {0, -1, 0});
    checkInsideFrustum(down, 1.0f, b);
    CHECK(down.eye.y > b.max.y);
    CHECK(std::abs(glm::dot(down.up, glm::vec3(0, 1, 0))) < 0.5f);  // usable up vector

    Camera ortho;
    ortho.orthographic = true;
    const Camera o = twin::frameBounds(ortho, b, 0.75f);
    CHECK(o.orthographic);
    checkInsideFrustum(o, 0.75f, b);

    const assets::Bounds empty;
    const Camera same = twin::frameBounds(ortho, empty, 1.0f);
    CHECK(same.eye == ortho.eye);
    CHECK(same.target == ortho.target);
}

TEST_CASE("Ease in-out is exact at the ends and monotonic", "[camera-animation]") {
    CHECK(twin::easeInOut(0.0f) == 0.0f);
    CHECK(twin::easeInOut(1.0f) == 1.0f);
    CHECK(twin::easeInOut(0.5f) == Approx(0.5f));
    CHECK(twin::easeInOut(-2.0f) == 0.0f);
    CHECK(twin::easeInOut(7.0f) == 1.0f);
    CHECK(twin::easeInOut(0.05f) < 0.05f);  // slow start
    CHECK(twin::easeInOut(0.95f) > 0.95f);  // slow arrival
    float previous = 0.0f;
    for (int i = 1; i <= 1000; ++i) {
        const float v = twin::easeInOut(float(i) / 1000.0f);
        CHECK(v >= previous);
        previous = v;
    }
}

TEST_CASE("A fly-to starts and ends exactly at its cameras", "[camera-animation]") {
    Camera from;
    from.eye = {60, 45, 60};
    from.target = {0, 0, 0};
    Camera to;
    to.eye = {410, 30, -20};
    to.target = {380, 8, 10};
    to.fovYDegrees = 35.0f;
    const CameraFlight flight = CameraFlight::between(from, to);
    CHECK(flight.duration > 0.8f);
    CHECK(flight.duration <= 3.0f);
    for (float t : {-1.0f, 0.0f}) {
        const Camera c = flight.at(t);
        CHECK(c.eye == from.eye);
        CHECK(c.target == from.target);
        CHECK(c.fovYDegrees == from.fovYDegrees);
    }
    for (float t : {flight.duration, flight.duration + 5.0f}) {
        const Camera c = flight.at(t);
        CHECK(c.eye == to.eye);
        CHECK(c.target == to.target);
        CHECK(c.fovYDegrees == to.fovYDegrees);
        CHECK(flight.finished(t));
    }
    CHECK_FALSE(flight.finished(flight.duration * 0.5f));
    // Deterministic: the same time gives the same camera.
    CHECK(flight.at(0.37f).eye == flight.at(0.37f).eye);

    // The target advances monotonically along the way, eased at both ends.
    float previous = 0.0f;
    const float total = glm::distance(from.target, to.target);
    for (int i = 1; i < 100; ++i) {
        const float t = flight.duration * float(i) / 100.0f;
        const float travelled = glm::distance(from.target, flight.at(t).target);
        CHECK(travelled >= previous);
        CHECK(travelled <= total);
        previous = travelled;
    }
    CHECK(glm::distance(from.target, flight.at(0.05f * flight.duration).target) < 0.05f * total);
}

TEST_CASE("Long flights arc up and never dip below the lower endpoint", "[camera-animation]") {
    Camera from;
    from.eye = {-200, 40, 10};
    from.target = {-180, 10, 0};
    Camera to;
    to.eye = {230, 25, -30};  // the view direction turns round on the way
    to.target = {200, 5, 0};
    const CameraFlight flight = CameraFlight::between(from, to);
    REQUIRE(flight.arcHeight > 0.0f);
    const float lowest = std::min(from.eye.y, to.eye.y);
    for (int i = 0; i <= 200; ++i) {
        const float s = float(i) / 200.0f;
        const Camera c = flight.at(s * flight.duration);
        INFO("s " << s);
        CHECK(c.eye.y >= lowest - 1e-3f);
        // Never under the straight line between the two eye heights.
        CHECK(c.eye.y >= glm::mix(from.eye.y, to.eye.y, twin::easeInOut(s)) - 1e-3f);
    }
    const Camera middle = flight.at(0.5f * flight.duration);
    CHECK(middle.eye.y >= 0.5f * (from.eye.y + to.eye.y) + 0.99f * flight.arcHeight);

    // Short hops do not arc.
    Camera near = from;
    near.target += glm::vec3(10, 0, 0);
    near.eye += glm::vec3(10, 0, 0);
    CHECK(CameraFlight::between(from, near).arcHeight == 0.0f);
}

TEST_CASE("A flight swings around a building rather than through it", "[camera-animation]") {
    // Same target, eye moved to the opposite side: the eye keeps its distance from the target.
    Camera from;
    from.eye = {50, 20, 0};
    from.target = {0, 10, 0};
    Camera to = from;
    to.eye = {-50, 20, 0};
    const CameraFlight flight{.from = from, .to = to, .duration = 2.0f};
    const float radius = glm::distance(from.eye, from.target);
    for (int i = 0; i <= 20; ++i) {
        const Camera c = flight.at(0.1f * float(i));
        CHECK(glm::distance(c.eye, c.target) == Approx(radius).epsilon(1e-3));
        CHECK(c.eye.y >= from.eye.y - 1e-3f);
    }
}

TEST_CASE("Exactly opposite views swing over the top, not under the ground", "[camera-animation]") {
    Camera from;
    from.eye = {40, 5, 0};
    from.target = {0, 5, 0};
    Camera to = from;
    to.eye = {-40, 5, 0};
    const CameraFlight flight{.from = from, .to = to, .duration = 1.0f};
    const Camera middle = flight.at(0.5f);
    CHECK(middle.eye.y == Approx(45.0f));  // straight above the target
    CHECK(glm::distance(middle.eye, middle.target) == Approx(40.0f));
    for (int i = 0; i <= 10; ++i)
        CHECK(glm::distance(flight.at(0.1f * float(i)).eye, from.target) == Approx(40.0f));
}

TEST_CASE("Zooming out while turning never sinks below the straight line of eye heights",
          "[camera-animation]") {
    // Close and low to far and high: the turning offset alone would sink at first (its length
    // grows geometrically, slowly at the start), towards buildings around the target.
    Camera from;
    from.eye = {10, 0.5f, 0};
    from.target = {0, 0, 0};
    Camera to;
    to.eye = {0, 1000, 1};
    to.target = {0, 0, 0};
    const CameraFlight flight{.from = from, .to = to, .duration = 1.0f};
    for (int i = 0; i <= 100; ++i) {
        const float s = float(i) / 100.0f;
        INFO("s " << s);
        CHECK(flight.at(s).eye.y >= glm::mix(from.eye.y, to.eye.y, twin::easeInOut(s)) - 1e-2f);
    }
}

TEST_CASE("Flying into a plan view stays perspective until it arrives", "[camera-animation]") {
    TwoBuildingPark t;
    const twin::PlanView plan = twin::planView(t.scene, t.floors[0][1], 1.0f);
    Camera from;
    const CameraFlight flight = CameraFlight::between(from, plan.camera);
    const Camera mid = flight.at(0.5f * flight.duration);
    CHECK_FALSE(mid.orthographic);
    const Camera almost = flight.at(0.999f * flight.duration);
    CHECK_FALSE(almost.orthographic);
    // Nearly there: it already shows about what the plan shows.
    const Camera equivalent = twin::perspectiveEquivalent(plan.camera);
    CHECK(glm::distance(almost.eye, equivalent.eye) < 0.01f * glm::length(equivalent.eye));
    const Camera end = flight.at(flight.duration);
    CHECK(end.orthographic);
    CHECK(end.eye == plan.camera.eye);
    CHECK(end.up == plan.camera.up);
    // At the slab (the target's depth) it frames the floor as the plan does.
    assets::Bounds slab = t.scene.entityBounds[t.floors[0][1]];
    slab.max.y = slab.min.y;
    checkInsideFrustum(equivalent, 1.0f, slab);

    // And back: the first frame is still the orthographic plan.
    const CameraFlight back = CameraFlight::between(plan.camera, from);
    CHECK(back.at(0.0f).orthographic);
    CHECK(back.at(0.0f).orthoHeight == plan.camera.orthoHeight);
    CHECK_FALSE(back.at(0.01f).orthographic);
}

TEST_CASE("The plan view of a floor looks straight down and contains the floor",
          "[camera-animation]") {
    TwoBuildingPark t;
    for (float aspect : {0.6f, 1.0f, 2.0f}) {
        const twin::PlanView plan = twin::planView(t.scene, t.floors[1][2], aspect);
        const Camera& c = plan.camera;
        CHECK(c.orthographic);
        CHECK(c.up == glm::vec3(0, 0, -1));
        CHECK(c.eye.x == c.target.x);
        CHECK(c.eye.z == c.target.z);
        const assets::Bounds& floor = t.scene.entityBounds[t.floors[1][2]];
        CHECK(c.eye.y > floor.max.y);
        const float extent = checkInsideFrustum(c, aspect, floor);
        CHECK(extent > 0.8f);  // fitted, not just somewhere inside
        CHECK(plan.clipPlane == twin::cutawayPlane(t.scene, t.floors[1][2]));
        // Map orientation: +X to the right, -Z up on the screen (negative y in Vulkan).
        const glm::mat4 vp = c.viewProjection(aspect);
        const glm::vec4 east = vp * glm::vec4(c.target + glm::vec3(5, 0, 0), 1.0f);
        const glm::vec4 north = vp * glm::vec4(c.target + glm::vec3(0, 0, -5), 1.0f);
        CHECK(east.x > 0.0f);
        CHECK(north.y < 0.0f);
        // The floor above is outside the depth range (behind the eye) or cut by the plane.
        const glm::vec3 above{120, 18.2f, 15};
        const glm::vec4 clip = vp * glm::vec4(above, 1.0f);
        const bool culled = clip.z / clip.w > 1.0f;
        const bool cut = glm::dot(glm::vec3(plan.clipPlane), above) + plan.clipPlane.w > 0.0f;
        CHECK((culled || cut));
    }
}

TEST_CASE("The plan view of a banded floor fits the building's placed footprint",
          "[camera-animation]") {
    BandedPark t;
    const twin::PlanView plan = twin::planView(t.scene, t.floors[1], 1.5f);
    // Footprint (0..20, 0..10) turned 90 degrees and moved to (5, 1, 0) in a park at y 3:
    // world x 5..15, z -20..0; slab at 3 + 1 + 6 = 10, 6 m high.
    const assets::Bounds floor = box({5, 10, -20}, {15, 16, 0});
    checkInsideFrustum(plan.camera, 1.5f, floor);
    CHECK(plan.camera.target.x == Approx(10.0f));
    CHECK(plan.camera.target.z == Approx(-10.0f));
    CHECK(plan.camera.target.y == Approx(10.0f));
    CHECK(plan.camera.orthoHeight == Approx(20.0f * 1.1f));
    CHECK(plan.clipPlane.w == Approx(-11.5f));
}
