// The video-wall and export options of the command line (docs/video-wall.md, docs/tours.md).
#include <catch2/catch.hpp>

#include <string_view>
#include <vector>

#include "viewer/cli.h"

using namespace pt::viewer;

namespace {

pt::Result<Options> parse(std::vector<std::string_view> args) {
    return parseArgs(args);
}

std::string errorOf(std::vector<std::string_view> args) {
    auto o = parse(std::move(args));
    return o ? std::string("(parsed)") : o.error().message;
}

}  // namespace

TEST_CASE("A wall tile with bezels and a sync broker parses", "[cli][wall]") {
    auto o = parse({"--wall", "3x2", "--tile", "2,1", "--bezel", "40x24", "--wall-sync",
                    "mqtt://10.0.0.5:1883", "--wall-role", "follower", "--wall-id", "lobby-1"});
    REQUIRE(o.ok());
    CHECK(o->wall == glm::uvec2(3, 2));
    CHECK(o->tile == glm::uvec2(2, 1));
    CHECK(o->bezel == glm::uvec2(40, 24));
    CHECK(o->wallSync == "mqtt://10.0.0.5:1883");
    CHECK(o->wallRole == "follower");
    CHECK(o->wallId == "lobby-1");
    CHECK(o->isWallTile());
    auto one = parse({"render", "--out", "a.png", "--wall", "2x1", "--bezel", "16"});
    REQUIRE(one.ok());
    CHECK(one->bezel == glm::uvec2(16, 16));
    CHECK(one->tile == glm::uvec2(0, 0));
    CHECK_FALSE(parse({})->isWallTile());
}

TEST_CASE("Bad wall options say which option and why", "[cli][wall]") {
    CHECK(errorOf({"--wall", "3"}) == "--wall: expected COLSxROWS (e.g. 3x2), got '3'");
    CHECK(errorOf({"--wall", "0x2"}) == "--wall: 0x2 is outside 1..16 per side");
    CHECK(errorOf({"--wall", "2x2", "--tile", "2,0"}) ==
          "--tile 2,0: outside the 2x2 wall (columns and rows count from 0)");
    CHECK(errorOf({"--tile", "1;0"}) == "--tile: expected C,R (column,row from 0), got '1;0'");
    CHECK(errorOf({"--bezel", "5000"}) == "--bezel: 5000x5000 pixels is over 4096");
    CHECK(errorOf({"--wall-sync", "tcp://x:1"}) ==
          "--wall-sync: expected mqtt://HOST:PORT, got 'tcp://x:1'");
    CHECK(errorOf({"--wall-sync", "mqtt://x:1"}) ==
          "--wall-sync: needs --wall-role leader or follower");
    CHECK(errorOf({"--wall-role", "leader"}) == "--wall-role: needs --wall-sync mqtt://HOST:PORT");
    CHECK(errorOf({"--wall-role", "boss"}) == "--wall-role: leader or follower, got 'boss'");
    CHECK(errorOf({"--wall-id", "a/b"}) ==
          "--wall-id: letters, digits, '-' and '_' only, got 'a/b'");
    CHECK(errorOf({"render", "--out", "a.png", "--wall", "2x2", "--tiles", "2"}) ==
          "render: --tiles and --wall cannot be combined");
}

TEST_CASE("export parses its tour, size, frame rate and encoder", "[cli][export]") {
    auto o = parse({"export", "--tour", "assets/tours/investor.json", "--size", "1920x1080",
                    "--fps", "25", "--out", "tour.mp4", "--ffmpeg", "/opt/ffmpeg"});
    REQUIRE(o.ok());
    CHECK(o->command == Subcommand::Export);
    CHECK(o->tour == "assets/tours/investor.json");
    CHECK(o->width == 1920);
    CHECK(o->fps == 25);
    CHECK(o->out == "tour.mp4");
    CHECK(o->ffmpeg == "/opt/ffmpeg");
    CHECK(parse({"export", "--tour", "t.json", "--out", "t.mp4"})->fps == 30);
    CHECK(parse({"export", "--tour", "t.json", "--out", "t.mp4"})->ffmpeg == "/usr/bin/ffmpeg");

    CHECK(errorOf({"export", "--out", "t.mp4"}) == "export: --tour FILE is required");
    CHECK(errorOf({"export", "--tour", "t.json"}) ==
          "export: --out FILE (e.g. tour.mp4) is required");
    CHECK(errorOf({"export", "--tour", "t.json", "--out", "t.mp4", "--wall", "2x1"}) ==
          "export: --wall and --tiles are for the viewer and render");
    CHECK(errorOf({"export", "--tour", "t.json", "--out", "t.mp4", "--fps", "0"}) ==
          "--fps: 1..240, got 0");
    CHECK(errorOf({"export", "--tour", "t.json", "--out", "t.mp4", "--size", "101x100"}) ==
          "export: --size 101x100 must be even (H.264 with yuv420p halves the colour "
          "resolution)");
}

TEST_CASE("render takes a tile grid for screenshots beyond one GPU image", "[cli][export]") {
    auto o = parse({"render", "--out", "big.png", "--size", "7680x4320", "--tiles", "3"});
    REQUIRE(o.ok());
    CHECK(o->tiles == 3);
    CHECK(parse({"render", "--out", "a.png"})->tiles == 0);  // automatic
    CHECK(errorOf({"render", "--out", "a.png", "--tiles", "17"}) == "--tiles: 1..16, got 17");
}
