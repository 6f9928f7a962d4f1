// The running viewer driven through its remote-control API: commands sent over HTTP change the
// app's state (read back from /state), and /screenshot returns the window's current picture.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/file_io.h"
#include "core/image_io.h"
#include "test_paths.h"
#include "viewer_process.h"

using pt::test::getState;
using pt::test::waitForState;

TEST_CASE("Remote commands change the running viewer's state, /screenshot returns its picture",
          "[window][api]") {
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "SKIPPED: no DISPLAY (scripts/test runs the tests under xvfb-run)\n");
        std::exit(pt::test::kSkipExitCode);
    }
    const auto dir = pt::test::scratchDir("app_remote_control");
    REQUIRE(pt::writeFileAtomic(dir / "token.txt", std::string_view("test-token-42\n")).ok());
    const int port = pt::test::freeLoopbackPort();
    pt::test::ViewerProcess viewer(
        {"--size", "480x300", "--samples", "1", "--data", "none", "--api",
         "127.0.0.1:" + std::to_string(port), "--api-token-file", (dir / "token.txt").string()},
        (dir / "viewer.log").string());
    httplib::Client c("127.0.0.1", port);
    c.set_bearer_token_auth("test-token-42");
    c.set_connection_timeout(1);
    c.set_read_timeout(20);
    // Wait for the API to come up (the viewer loads the demo park first).
    const bool up = pt::test::waitForApi(c, viewer);
    auto log = pt::readTextFile(dir / "viewer.log");
    INFO((log ? *log : std::string("(no log)")));
    REQUIRE(up);

    httplib::Client anonymous("127.0.0.1", port);
    CHECK(anonymous.Get("/api/v1/state")->status == 401);

    CHECK(c.Post("/api/v1/select", R"({"entity": "gm/A3/F8"})", "application/json")->status == 202);
    CHECK(c.Post("/api/v1/floor-mode", R"({"mode": "cutaway"})", "application/json")->status ==
          202);
    CHECK(c.Post("/api/v1/language", R"({"language": "zh"})", "application/json")->status == 202);
    const auto s = waitForState(c, [](const nlohmann::json& j) {
        return j["selected"] == "gm/A3/F8" && j["floorMode"] == "cutaway" && j["language"] == "zh";
    });
    CHECK(s["selected"] == "gm/A3/F8");
    CHECK(s["floorMode"] == "cutaway");
    CHECK(s["language"] == "zh");

    CHECK(c.Post("/api/v1/commands",
                 R"({"type": "camera", "eye": [300, 200, 300], "target": [0, 20, 0]})",
                 "application/json")
              ->status == 202);
    const auto moved =
        waitForState(c, [](const nlohmann::json& j) { return j["camera"]["eye"][0] == 300.0; });
    CHECK(moved["camera"]["target"][1] == 20.0);

    auto shot = c.Get("/api/v1/screenshot");
    REQUIRE(shot);
    REQUIRE(shot->status == 200);
    CHECK(shot->get_header_value("Content-Type") == "image/png");
    REQUIRE(pt::writeFileAtomic(dir / "shot.png", std::string_view(shot->body)).ok());
    auto image = pt::readPng(dir / "shot.png");
    REQUIRE(image.ok());
    CHECK(image->width == 480);
    CHECK(image->height == 300);
}
