#include <catch2/catch.hpp>

#include "render/camera.h"

using pt::render::Camera;
using pt::render::OrbitController;

namespace {

glm::vec3 project(const Camera& c, const glm::vec3& p, float aspect = 1.0f) {
    const glm::vec4 clip = c.viewProjection(aspect) * glm::vec4(p, 1.0f);
    return glm::vec3(clip) / clip.w;
}

}  // namespace

TEST_CASE("Perspective projection is reversed-Z with Vulkan's y-down clip space", "[camera]") {
    Camera c;
    c.eye = {0, 0, 10};
    c.target = {0, 0, 0};
    c.nearPlane = 0.5f;
    const glm::vec3 atNear = project(c, {0, 0, 10 - 0.5f});
    CHECK(atNear.z == Approx(1.0f));
    const glm::vec3 atTarget = project(c, {0, 0, 0});
    CHECK(atTarget.z == Approx(0.05f));  // near / distance
    CHECK(project(c, {0, 0, -1e6f}).z < 1e-5f);
    // A point above the target lands in the upper half of the image: negative y in Vulkan.
    CHECK(project(c, {0, 1, 0}).y < 0.0f);
    CHECK(project(c, {1, 0, 0}).x > 0.0f);
}

TEST_CASE("Orthographic projection keeps depth ordered near-to-far as 1..0", "[camera]") {
    Camera c;
    c.orthographic = true;
    c.orthoHeight = 20.0f;
    c.eye = {0, 100, 0};
    c.target = {0, 0, 0};
    c.up = {0, 0, -1};
    const glm::vec3 top = project(c, {0, 90, 0});
    const glm::vec3 ground = project(c, {0, 0, 0});
    CHECK(top.z > ground.z);
    CHECK(ground.z >= 0.0f);
    CHECK(project(c, {10, 0, 0}).x == Approx(1.0f));
}

TEST_CASE("Orbit controller round-trips an eye position and clamps pitch", "[camera]") {
    const glm::vec3 eye{30, 40, -20}, target{5, 2, 7};
    OrbitController o = OrbitController::lookingAt(eye, target);
    const Camera c = o.camera();
    CHECK(c.eye.x == Approx(eye.x).margin(1e-3));
    CHECK(c.eye.y == Approx(eye.y).margin(1e-3));
    CHECK(c.eye.z == Approx(eye.z).margin(1e-3));
    o.orbit(0, 100000);
    CHECK(o.pitch < 1.5708f);
    CHECK(o.camera().eye.y > target.y);
}

TEST_CASE("Zoom is proportional and bounded", "[camera]") {
    OrbitController o;
    o.distance = 100.0f;
    o.zoom(1.0f);
    CHECK(o.distance == Approx(88.0f));
    o.zoom(-1.0f);
    CHECK(o.distance == Approx(100.0f));
    o.zoom(1000.0f);
    CHECK(o.distance == Approx(o.minDistance));
}

TEST_CASE("Panning moves the target in the view plane, not along the view direction", "[camera]") {
    OrbitController o = OrbitController::lookingAt({0, 0, 50}, {0, 0, 0});
    o.pan(100.0f, 0.0f, 1000.0f, 45.0f);
    CHECK(o.target.x < 0.0f);  // dragging right moves the scene right: the target goes left
    CHECK(o.target.z == Approx(0.0f).margin(1e-4));
    const glm::vec3 before = o.target;
    o.pan(0.0f, 100.0f, 1000.0f, 45.0f);
    CHECK(o.target.y > before.y);
}
