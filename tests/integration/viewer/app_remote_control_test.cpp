// The running viewer driven through its remote-control API: commands sent over HTTP change the
// app's state (read back from /state), and /screenshot returns the window's current picture.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/file_io.h"
#include "core/image_io.h"
#include "test_paths.h"

namespace {

// Asks the kernel for a free loopback port, then releases it for the viewer.
int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    socklen_t len = sizeof(addr);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    ::close(fd);
    return ntohs(addr.sin_port);
}

// Starts parktwin in its own process and kills it at the end of the test.
struct ViewerProcess {
    pid_t pid = -1;
    ViewerProcess(const std::vector<std::string>& args, const std::string& log) {
        pid = fork();
        if (pid == 0) {
            const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, 1);
            dup2(fd, 2);
            std::vector<char*> argv{const_cast<char*>(PT_TEST_PARKTWIN_EXE)};
            for (const auto& a : args)
                argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            execv(PT_TEST_PARKTWIN_EXE, argv.data());
            _exit(127);
        }
    }
    ~ViewerProcess() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            int status;
            waitpid(pid, &status, 0);
        }
    }
};

nlohmann::json getState(httplib::Client& c) {
    auto r = c.Get("/api/v1/state");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return nlohmann::json::parse(r->body);
}

// Polls /state until `pred` holds (the app applies commands once per frame), bounded in time.
template <class Pred>
nlohmann::json waitForState(httplib::Client& c, Pred pred) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    nlohmann::json s;
    while (std::chrono::steady_clock::now() < deadline) {
        s = getState(c);
        if (pred(s)) return s;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return s;
}

}  // namespace

TEST_CASE("Remote commands change the running viewer's state; /screenshot returns its picture",
          "[window][api]") {
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "SKIPPED: no DISPLAY (scripts/test runs the tests under xvfb-run)\n");
        std::exit(pt::test::kSkipExitCode);
    }
    const auto dir = pt::test::scratchDir("app_remote_control");
    REQUIRE(pt::writeFileAtomic(dir / "token.txt", std::string_view("test-token-42\n")).ok());
    const int port = freePort();
    ViewerProcess viewer(
        {"--size", "480x300", "--samples", "1", "--data", "none", "--api",
         "127.0.0.1:" + std::to_string(port), "--api-token-file", (dir / "token.txt").string()},
        (dir / "viewer.log").string());
    httplib::Client c("127.0.0.1", port);
    c.set_bearer_token_auth("test-token-42");
    c.set_connection_timeout(1);
    c.set_read_timeout(20);
    // Wait for the API to come up (the viewer loads the demo park first).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline && status != 200 &&
           waitpid(viewer.pid, nullptr, WNOHANG) == 0) {
        if (auto probe = c.Get("/api/v1/state")) status = probe->status;
        if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    auto log = pt::readTextFile(dir / "viewer.log");
    INFO((log ? *log : std::string("(no log)")));
    REQUIRE(status == 200);

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
