// A video wall's leader and follower, two real parktwin windows syncing through a real
// mosquitto: what the leader shows (camera, selection, floor mode), at start and after a change
// made through the leader's remote API, is applied by the follower and read back from the
// follower's own /state.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/file_io.h"
#include "test_paths.h"
#include "viewer_process.h"

namespace {

using namespace std::chrono_literals;

// A child process (output to `log`), terminated and reaped at the end of the test.
struct Process {
    pid_t pid = -1;
    Process(const std::string& exe, const std::vector<std::string>& args, const std::string& log) {
        std::vector<char*> argv{const_cast<char*>(exe.c_str())};
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        pid = fork();
        if (pid == 0) {
            const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, 1);
            dup2(fd, 2);
            execv(exe.c_str(), argv.data());
            _exit(127);
        }
    }
    ~Process() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            int status;
            waitpid(pid, &status, 0);
        }
    }
    bool running() const { return waitpid(pid, nullptr, WNOHANG) == 0; }
};

// The broker helpers of tests/integration/data live in that test binary; this one needs only a
// plain loopback broker, started here the same way.
struct Mosquitto {
    int port = pt::test::freeLoopbackPort();
    std::unique_ptr<Process> process;
    explicit Mosquitto(const std::filesystem::path& dir) {
        const auto conf = dir / "mosquitto.conf";
        REQUIRE(pt::writeFileAtomic(
                    conf, "listener " + std::to_string(port) + " 127.0.0.1\nallow_anonymous true\n")
                    .ok());
        process = std::make_unique<Process>("/usr/sbin/mosquitto",
                                            std::vector<std::string>{"-c", conf.string()},
                                            (dir / "mosquitto.log").string());
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (!pt::test::acceptsConnections(port) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(50ms);
        REQUIRE(pt::test::acceptsConnections(port));
    }
};

std::optional<nlohmann::json> state(httplib::Client& c) {
    auto r = c.Get("/api/v1/state");
    if (!r || r->status != 200) return std::nullopt;
    return nlohmann::json::parse(r->body);
}

// Polls /state until `pred` holds, bounded in time; returns the last state seen.
template <class Pred>
nlohmann::json waitForState(httplib::Client& c, const Process& p, Pred pred,
                            std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    nlohmann::json last;
    while (std::chrono::steady_clock::now() < deadline && p.running()) {
        // Until the first frame the app's state is still null.
        if (auto s = state(c); s && s->is_object() && s->contains("camera")) {
            last = *s;
            if (pred(last)) break;
        }
        std::this_thread::sleep_for(200ms);
    }
    return last;
}

bool cameraAt(const nlohmann::json& s, float x, float y, float z) {
    if (!s.contains("camera")) return false;
    const auto& eye = s["camera"]["eye"];
    return std::abs(eye[0].get<float>() - x) < 0.05f && std::abs(eye[1].get<float>() - y) < 0.05f &&
           std::abs(eye[2].get<float>() - z) < 0.05f;
}

std::string logOf(const std::filesystem::path& file) {
    auto text = pt::readTextFile(file);
    return text ? *text : "(no log)";
}

}  // namespace

TEST_CASE("A wall follower applies the leader's camera, selection and floor mode via MQTT",
          "[window][wall]") {
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "SKIPPED: no DISPLAY (scripts/test runs the tests under xvfb-run)\n");
        std::exit(pt::test::kSkipExitCode);
    }
    const auto dir = pt::test::scratchDir("wall_sync");
    Mosquitto broker(dir);
    REQUIRE(pt::writeFileAtomic(dir / "token.txt", std::string_view("wall-token\n")).ok());
    const std::string sync = "mqtt://127.0.0.1:" + std::to_string(broker.port);
    const int leaderApi = pt::test::freeLoopbackPort(), followerApi = pt::test::freeLoopbackPort();
    const std::vector<std::string> common = {"--size",           "320x180",
                                             "--samples",        "1",
                                             "--data",           "none",
                                             "--wall",           "2x1",
                                             "--wall-sync",      sync,
                                             "--wall-id",        "test-wall",
                                             "--api-token-file", (dir / "token.txt").string()};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = common;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    Process leader(PT_TEST_PARKTWIN_EXE,
                   with({"--tile", "0,0", "--wall-role", "leader", "--select", "gm/A3/F8",
                         "--floor-mode", "ghost", "--camera", "300,200,300:0,20,0", "--api",
                         "127.0.0.1:" + std::to_string(leaderApi)}),
                   (dir / "leader.log").string());
    Process follower(PT_TEST_PARKTWIN_EXE,
                     with({"--tile", "1,0", "--wall-role", "follower", "--api",
                           "127.0.0.1:" + std::to_string(followerApi)}),
                     (dir / "follower.log").string());
    httplib::Client leaderClient("127.0.0.1", leaderApi), followerClient("127.0.0.1", followerApi);
    for (httplib::Client* c : {&leaderClient, &followerClient}) {
        c->set_bearer_token_auth("wall-token");
        c->set_connection_timeout(1);
        c->set_read_timeout(20);
    }

    // The follower starts with its own default view and takes the leader's (retained) state.
    const auto first = waitForState(
        followerClient, follower,
        [](const nlohmann::json& s) {
            return s["selected"] == "gm/A3/F8" && s["floorMode"] == "ghost" &&
                   cameraAt(s, 300, 200, 300);
        },
        180s);
    INFO("leader log:\n"
         << logOf(dir / "leader.log") << "\nfollower log:\n"
         << logOf(dir / "follower.log"));
    REQUIRE(first.is_object());
    CHECK(first["selected"] == "gm/A3/F8");
    CHECK(first["floorMode"] == "ghost");
    CHECK(cameraAt(first, 300, 200, 300));

    // A change on the leader (through its API, like any operator action) reaches the follower.
    auto posted = leaderClient.Post("/api/v1/commands",
                                    R"({"commands": [{"type": "select", "entity": "gm/A4"},
                                        {"type": "floorMode", "mode": "none"},
                                        {"type": "camera", "eye": [-250, 150, 320],
                                         "target": [0, 30, 0]}]})",
                                    "application/json");
    REQUIRE(posted);
    INFO(posted->body);
    REQUIRE(posted->status == 202);
    const auto moved = waitForState(
        followerClient, follower,
        [](const nlohmann::json& s) {
            return s["selected"] == "gm/A4" && s["floorMode"] == "none" &&
                   cameraAt(s, -250, 150, 320);
        },
        60s);
    REQUIRE(moved.is_object());
    CHECK(moved["selected"] == "gm/A4");
    CHECK(moved["floorMode"] == "none");
    CHECK(cameraAt(moved, -250, 150, 320));
    CHECK(moved["camera"]["target"][1].get<float>() == Approx(30.0f).margin(0.05));
}
