#include <catch2/catch.hpp>

#include "render/camera.h"
#include "twin/video_wall.h"

using namespace pt;
using twin::PixelRect;
using twin::WallLayout;

namespace {

// Where `world` lands in an image of `size` pixels drawn by `camera` (x right, y down).
glm::vec2 pixelOf(const render::Camera& camera, glm::vec3 world, glm::uvec2 size) {
    const glm::vec4 clip =
        camera.viewProjection(float(size.x) / float(size.y)) * glm::vec4(world, 1.0f);
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return (ndc * 0.5f + 0.5f) * glm::vec2(size);
}

float depthOf(const render::Camera& camera, glm::vec3 world, glm::uvec2 size) {
    const glm::vec4 clip =
        camera.viewProjection(float(size.x) / float(size.y)) * glm::vec4(world, 1.0f);
    return clip.z / clip.w;
}

render::Camera testCamera(bool orthographic) {
    render::Camera c;
    c.eye = {120, 80, 90};
    c.target = {5, 10, -3};
    c.fovYDegrees = 50;
    c.orthographic = orthographic;
    c.orthoHeight = 140;
    return c;
}

const glm::vec3 kPoints[] = {{0, 0, 0}, {30, 12, -20}, {-25, 40, 10}, {60, -5, 35}, {-10, 5, -50}};

}  // namespace

TEST_CASE("Bezels widen the virtual display and shift each tile past the hidden pixels", "[wall]") {
    const WallLayout wall{.columns = 3, .rows = 2, .bezelX = 40, .bezelY = 24};
    const glm::uvec2 tile{1920, 1080};
    CHECK(twin::virtualSize(wall, tile) == glm::uvec2(3 * 1920 + 2 * 40, 2 * 1080 + 24));
    CHECK(twin::tileRect(wall, {0, 0}, tile) == PixelRect{0, 0, 1920, 1080});
    CHECK(twin::tileRect(wall, {2, 1}, tile) == PixelRect{2 * 1960, 1104, 1920, 1080});
    const glm::vec4 r =
        twin::subRectOf(twin::tileRect(wall, {1, 0}, tile), twin::virtualSize(wall, tile));
    CHECK(r.x == Approx(1960.0 / 5840.0));
    CHECK(r.z == Approx(3880.0 / 5840.0));
    CHECK(r.y == 0.0f);
    CHECK(r.w == Approx(1080.0 / 2184.0));
    // Without bezels the tiles cover the display edge to edge.
    const WallLayout plain{.columns = 2, .rows = 2};
    CHECK(twin::subRectOf(twin::tileRect(plain, {1, 1}, {640, 360}), {1280, 720}) ==
          glm::vec4(0.5f, 0.5f, 1.0f, 1.0f));
}

TEST_CASE("Splitting an image covers every pixel once with near-equal tiles", "[wall]") {
    const glm::uvec2 size{7681, 4319};
    const auto tiles = twin::splitImage(size, 3, 2);
    REQUIRE(tiles.size() == 6);
    uint64_t area = 0;
    for (const PixelRect& t : tiles) {
        area += uint64_t(t.width) * t.height;
        CHECK(t.width >= 7681 / 3);
        CHECK(t.width <= 7681 / 3 + 1);
        CHECK(t.x + t.width <= size.x);
        CHECK(t.y + t.height <= size.y);
    }
    CHECK(area == uint64_t(size.x) * size.y);
    // Row-major, neighbours touch.
    CHECK(tiles[1].x == tiles[0].x + tiles[0].width);
    CHECK(tiles[3].y == tiles[0].y + tiles[0].height);
    CHECK(tiles[5].x + tiles[5].width == size.x);
    CHECK(twin::tilesNeeded({7680, 4320}, 4096) == glm::uvec2(2, 2));
    CHECK(twin::tilesNeeded({4096, 100}, 4096) == glm::uvec2(1, 1));
    CHECK(twin::tilesNeeded({12000, 900}, 4096) == glm::uvec2(3, 1));
    CHECK(twin::tilesNeeded({16384, 16384}, 4096) == glm::uvec2(4, 4));
}

TEST_CASE("A tile's off-axis camera puts every point where the full image has it", "[wall]") {
    for (const bool orthographic : {false, true}) {
        INFO("orthographic " << orthographic);
        const render::Camera full = testCamera(orthographic);
        const WallLayout wall{.columns = 3, .rows = 2, .bezelX = 30, .bezelY = 10};
        const glm::uvec2 tileSize{400, 300};
        const glm::uvec2 fullSize = twin::virtualSize(wall, tileSize);
        for (uint32_t r = 0; r < wall.rows; ++r)
            for (uint32_t c = 0; c < wall.columns; ++c) {
                const PixelRect rect = twin::tileRect(wall, {c, r}, tileSize);
                render::Camera tile = full;
                tile.subRect = twin::subRectOf(rect, fullSize);
                for (const glm::vec3& p : kPoints) {
                    const glm::vec2 inFull = pixelOf(full, p, fullSize);
                    const glm::vec2 inTile = pixelOf(tile, p, tileSize);
                    CHECK(inTile.x + float(rect.x) == Approx(inFull.x).margin(1e-2));
                    CHECK(inTile.y + float(rect.y) == Approx(inFull.y).margin(1e-2));
                    // Depth is the full camera's: tiles agree on what is in front.
                    CHECK(depthOf(tile, p, tileSize) == Approx(depthOf(full, p, fullSize)));
                }
            }
    }
}

TEST_CASE("The whole-image sub-rectangle leaves the projection exactly as it was", "[wall]") {
    render::Camera c = testCamera(false);
    const glm::mat4 before = c.projection(16.0f / 9.0f);
    c.subRect = twin::subRectOf({0, 0, 1920, 1080}, {1920, 1080});
    CHECK(c.projection(16.0f / 9.0f) == before);
}

TEST_CASE("Wall state survives encode and decode, broken messages are refused by field", "[wall]") {
    twin::WallState s{.sequence = 42,
                      .eye = {1.5f, 2.25f, -3.0f},
                      .target = {0, 10, 0},
                      .fovYDegrees = 38.5f,
                      .selected = "gm/A3/F12",
                      .floorMode = "ghost",
                      .layer = "power",
                      .timeMode = "playing",
                      .timeMs = 1'760'000'000'123,
                      .timeSpeed = 60.0,
                      .tour = "assets/tours/investor.json",
                      .tourPlaying = true,
                      .tourSeconds = 12.75f};
    auto decoded = twin::decodeWallState(twin::encodeWallState(s));
    REQUIRE(decoded.ok());
    CHECK(*decoded == s);

    CHECK(twin::decodeWallState("not json").error().message == "wall state: not a JSON object");
    std::string broken = twin::encodeWallState(s);
    broken.replace(broken.find("\"eye\":["), 7, "\"eye\":[\"x\",");
    CHECK(twin::decodeWallState(broken).error().message ==
          "wall state: \"eye\" must be an array of 3 numbers");
    std::string badMode = twin::encodeWallState(s);
    badMode.replace(badMode.find("\"playing\""), 9, "\"rewind\"");
    CHECK(twin::decodeWallState(badMode).error().message.find("live, paused or playing") !=
          std::string::npos);

    CHECK(twin::wallStateTopic("lobby-1") == "parktwin/wall/v1/lobby-1/state");
}
