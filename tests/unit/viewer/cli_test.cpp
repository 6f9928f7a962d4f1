#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "viewer/cli.h"

using namespace pt::viewer;

namespace {

pt::Result<Options> parse(std::vector<std::string_view> args) {
    return parseArgs(args);
}

}  // namespace

TEST_CASE("No arguments opens the viewer on the default scene", "[cli]") {
    auto o = parse({});
    REQUIRE(o.ok());
    CHECK(o->command == Subcommand::View);
    CHECK(o->scene == "demo");
    CHECK(o->frames == 0);
}

TEST_CASE("render parses size, output, camera and validation", "[cli]") {
    auto o = parse({"render", "--scene", "builtin:test", "--size", "256x128", "--out", "a.png",
                    "--camera", "90,60,90:0,10,0", "--validate"});
    REQUIRE(o.ok());
    CHECK(o->command == Subcommand::Render);
    CHECK(o->width == 256);
    CHECK(o->height == 128);
    CHECK(o->out == "a.png");
    REQUIRE(o->camera);
    CHECK(o->camera->eye == glm::vec3(90, 60, 90));
    CHECK(o->camera->target == glm::vec3(0, 10, 0));
    CHECK(o->validate);
}

TEST_CASE("A screenshot implies a few frames unless a frame count is given", "[cli]") {
    CHECK(parse({"--screenshot", "s.png"})->frames == 3);
    CHECK(parse({"--screenshot", "s.png", "--frames", "7"})->frames == 7);
}

TEST_CASE("Bad input gives one clear message", "[cli]") {
    CHECK(parse({"render"}).error().message == "render: --out FILE.png is required");
    CHECK(parse({"--bogus"}).error().message == "unknown option '--bogus' (see parktwin --help)");
    CHECK(parse({"--size"}).error().message == "--size: missing value");
    CHECK(parse({"--size", "12x"}).error().message ==
          "--size height: expected a whole number, got ''");
    CHECK(parse({"--size", "8x8"}).error().message == "--size: 8x8 is outside 16..16384 per side");
    CHECK(parse({"--frames", "-1"}).error().message ==
          "--frames: expected a whole number, got '-1'");
    CHECK(parse({"--samples", "2"}).error().message == "--samples: 1 or 4, got 2");
    CHECK(parse({"render", "--out", "a.png", "--camera", "1,2:3,4,5"}).error().message ==
          "--camera eye: expected x,y,z, got '1,2'");
    CHECK(parse({"render", "--out", "a.png", "--camera", "1,2,3:1,2,3"}).error().message ==
          "--camera: eye and target are the same point");
    CHECK(parse({"render", "--out", "a.png", "--camera", "1,2,x:0,0,0"}).error().message ==
          "--camera eye: 'x' is not a number");
}

TEST_CASE("info takes a scene and --json", "[cli]") {
    auto o = parse({"info", "--scene", "park.json", "--json"});
    REQUIRE(o.ok());
    CHECK(o->command == Subcommand::Info);
    CHECK(o->scene == "park.json");
    CHECK(o->json);
}

TEST_CASE("Live data options", "[cli]") {
    auto o = parse({"render", "--out", "a.png", "--data", "mqtt://127.0.0.1:1883", "--settle",
                    "2.5", "--layer", "power"});
    REQUIRE(o.ok());
    CHECK(o->data == "mqtt://127.0.0.1:1883");
    CHECK(o->settleSeconds == 2.5);
    CHECK(o->layer == "power");
    CHECK(parse({})->data == "sim");
    CHECK(parse({"--settle", "-1"}).error().message ==
          "--settle: expected seconds between 0 and 600, got '-1'");
}

TEST_CASE("The speed option sets the live data speed for the viewer, render and publish", "[cli]") {
    CHECK(parse({})->speed == 0);  // the default: 60, chosen where the data starts
    CHECK(parse({"--speed", "1"})->speed == 1);
    CHECK(parse({"publish", "--speed", "600"})->speed == 600);
    CHECK(parse({"render", "--out", "a.png", "--speed", "0.5"})->speed == 0.5);
    for (const char* bad : {"0", "-3", "fast", "1e9", "nan", "2x"}) {
        INFO(bad);
        CHECK(parse({"--speed", bad}).error().message ==
              std::string("--speed: expected a number above 0 and at most 100000 (simulated "
                          "seconds per second), got '") +
                  bad + "'");
    }
}

TEST_CASE("Help and version win over everything else", "[cli]") {
    CHECK(parse({"render", "--help"})->command == Subcommand::Help);
    CHECK(parse({"--version"})->command == Subcommand::Version);
    CHECK(helpText().find("parktwin render") != std::string::npos);
}

TEST_CASE("The sim start takes a local HH:MM", "[cli]") {
    CHECK(parse({})->simStartMinute == -1);  // the clock's time
    CHECK(parse({"--sim-start", "10:30"})->simStartMinute == 630);
    CHECK(parse({"export", "--tour", "investor", "--out", "a.mp4", "--sim-start", "00:00"})
              ->simStartMinute == 0);
    CHECK(parse({"--sim-start", "24:00"}).error().message ==
          "--sim-start: expected HH:MM (00:00 to 23:59), got '24:00'");
    CHECK(parse({"--sim-start", "9"}).error().message ==
          "--sim-start: expected HH:MM (00:00 to 23:59), got '9'");
    // The same reader checks --time-of-day when the view is set up.
    CHECK(*parseClockMinutes("7:05", "--time-of-day") == 425);
    CHECK(parseClockMinutes("7:5x", "--time-of-day").error().message ==
          "--time-of-day: expected HH:MM (00:00 to 23:59), got '7:5x'");
}
