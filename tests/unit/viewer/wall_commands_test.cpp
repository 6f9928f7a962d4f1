// A video-wall follower's commands from the leader's state (viewer/wall_commands.h).
#include <catch2/catch.hpp>

#include "viewer/wall_commands.h"

using namespace pt;
using namespace pt::viewer;

namespace {

twin::WallState leaderState() {
    return {.sequence = 7,
            .eye = {300, 200, 300},
            .target = {0, 20, 0},
            .fovYDegrees = 40,
            .selected = "gm/A3/F8",
            .floorMode = "ghost",
            .layer = "power",
            .timeMode = "paused",
            .timeMs = 1'700'000'000'000,
            .tour = "investor",
            .tourPlaying = true,
            .tourSeconds = 3};
}

std::vector<std::string> types(const std::vector<Command>& commands) {
    std::vector<std::string> out;
    for (const Command& c : commands)
        out.emplace_back(commandType(c));
    return out;
}

}  // namespace

TEST_CASE("A follower's first leader state applies everything, camera last", "[wall]") {
    const auto commands = wallCommands(nullptr, leaderState());
    CHECK(types(commands) ==
          std::vector<std::string>{"select", "floorMode", "layer", "time", "tour", "camera"});
    CHECK(std::get<SelectCommand>(commands[0]).entity == "gm/A3/F8");
    CHECK(std::get<FloorModeCommand>(commands[1]).mode == "ghost");
    CHECK(std::get<LayerCommand>(commands[2]).layer == "power");
    CHECK(std::get<TimeCommand>(commands[3]).action == "scrub");
    CHECK(std::get<TimeCommand>(commands[3]).timeMs == 1'700'000'000'000);
    CHECK(std::get<TourCommand>(commands[4]).action == "play");
    CHECK(std::get<TourCommand>(commands[4]).tour == "investor");
    const auto& camera = std::get<CameraCommand>(commands[5]);
    CHECK(camera.eye == glm::vec3(300, 200, 300));
    CHECK(camera.target == glm::vec3(0, 20, 0));
    CHECK(camera.fovYDegrees == 40);
}

TEST_CASE("An unchanged leader state moves only the camera", "[wall]") {
    const twin::WallState before = leaderState();
    twin::WallState now = before;
    now.sequence = 8;
    now.eye.x = 310;
    now.tourSeconds = 3.1f;  // the tour runs on: not restarted
    const auto commands = wallCommands(&before, now);
    REQUIRE(types(commands) == std::vector<std::string>{"camera"});
    CHECK(std::get<CameraCommand>(commands[0]).eye.x == 310);
}

TEST_CASE("Changes on the leader become the matching commands once", "[wall]") {
    const twin::WallState before = leaderState();
    twin::WallState now = before;
    now.selected = "";
    now.floorMode = "none";
    now.tourPlaying = false;
    now.timeMode = "playing";
    now.timeSpeed = 60;
    const auto commands = wallCommands(&before, now);
    CHECK(types(commands) ==
          std::vector<std::string>{"select", "floorMode", "time", "time", "tour", "camera"});
    CHECK(std::get<SelectCommand>(commands[0]).entity.empty());
    CHECK(std::get<TimeCommand>(commands[2]).action == "scrub");
    CHECK(std::get<TimeCommand>(commands[3]).action == "play");
    CHECK(std::get<TimeCommand>(commands[3]).speed == 60);
    CHECK(std::get<TourCommand>(commands[4]).action == "stop");

    // Playing history moves the cursor every frame; only a new speed restarts it.
    twin::WallState later = now;
    later.timeMs += 5000;
    CHECK(types(wallCommands(&now, later)) == std::vector<std::string>{"camera"});
    later.timeSpeed = 10;
    CHECK(types(wallCommands(&now, later)) == std::vector<std::string>{"time", "time", "camera"});
    // A paused cursor moved by the leader is scrubbed to.
    twin::WallState paused = before;
    paused.timeMs -= 60'000;
    const auto scrub = wallCommands(&before, paused);
    REQUIRE(types(scrub) == std::vector<std::string>{"time", "camera"});
    CHECK(std::get<TimeCommand>(scrub[0]).timeMs == before.timeMs - 60'000);
}

TEST_CASE("Going live, switching tours and a leader without live data", "[wall]") {
    twin::WallState before = leaderState();
    twin::WallState now = before;
    now.timeMode = "live";
    now.tour = "inspection";  // another tour while one plays: play the new one
    const auto commands = wallCommands(&before, now);
    REQUIRE(types(commands) == std::vector<std::string>{"time", "tour", "camera"});
    CHECK(std::get<TimeCommand>(commands[0]).action == "live");
    CHECK(std::get<TourCommand>(commands[1]).tour == "inspection");
    // No live data on the leader (empty layer): the follower's layer and time are left alone.
    twin::WallState noData = leaderState();
    noData.layer = "";
    CHECK(types(wallCommands(nullptr, noData)) ==
          std::vector<std::string>{"select", "floorMode", "tour", "camera"});
}
