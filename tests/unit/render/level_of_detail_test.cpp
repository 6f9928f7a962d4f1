#include <catch2/catch.hpp>

#include <cmath>

#include "render/draw_lists.h"

using namespace pt::render;

TEST_CASE("pixelsPerMetre matches the projection", "[lod]") {
    Camera c;
    c.eye = {0.0f, 0.0f, 100.0f};
    c.target = {0.0f, 0.0f, 0.0f};
    // Project a 1 m vertical bar at the target (100 m away) and measure it in pixels.
    const float height = 1080.0f;
    const glm::mat4 vp = c.viewProjection(16.0f / 9.0f);
    const auto ndcY = [&](float y) {
        const glm::vec4 p = vp * glm::vec4(0.0f, y, 0.0f, 1.0f);
        return p.y / p.w;
    };
    const float measured = std::abs(ndcY(0.5f) - ndcY(-0.5f)) * 0.5f * height;
    CHECK(pixelsPerMetre(c, height, 100.0f) == Approx(measured).epsilon(1e-3));
    // Twice as far, half the pixels; closer than the near plane counts as the near plane.
    CHECK(pixelsPerMetre(c, height, 200.0f) == Approx(measured * 0.5f).epsilon(1e-3));
    CHECK(pixelsPerMetre(c, height, -5.0f) == pixelsPerMetre(c, height, c.nearPlane));
}

TEST_CASE("pixelsPerMetre for orthographic cameras and tiles of a larger image", "[lod]") {
    Camera c;
    c.orthographic = true;
    c.orthoHeight = 200.0f;
    CHECK(pixelsPerMetre(c, 1000.0f, 10.0f) == Approx(5.0f));
    CHECK(pixelsPerMetre(c, 1000.0f, 5000.0f) == Approx(5.0f));  // no perspective
    // The top half of a 2000-pixel-high image drawn as a 1000-pixel tile: the full image's
    // density.
    c.subRect = {0.0f, 0.0f, 1.0f, 0.5f};
    CHECK(pixelsPerMetre(c, 1000.0f, 10.0f) == Approx(10.0f));
}

TEST_CASE("the far level of detail starts where its thin parts are sub-pixel", "[lod]") {
    // kThinPartMetres covers kThinPartPixels at the switch distance, so every dropped part,
    // being thinner, is under kThinPartPixels there and shrinks further beyond it.
    Camera c;
    const float height = 1080.0f;
    const float switchDistance =
        kThinPartMetres * pixelsPerMetre(c, height, 1.0f) / kThinPartPixels;
    CHECK(kThinPartMetres * pixelsPerMetre(c, height, switchDistance) ==
          Approx(kThinPartPixels).epsilon(1e-4));
    // A 0.14 m mullion there is under a pixel.
    CHECK(0.14f * pixelsPerMetre(c, height, switchDistance) < 1.0f);
}
