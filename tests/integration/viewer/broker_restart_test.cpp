// The running viewer fed by a real mosquitto that is killed and restarted: the viewer keeps
// rendering, shows the connection going down and the data ageing, reconnects to the broker on
// the same port, resubscribes and applies new values. Read back through GET /api/v1/state
// ("data" line and the "live" object; see viewer/live_state.h).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "broker.h"
#include "core/file_io.h"
#include "test_paths.h"
#include "viewer_process.h"

namespace {

using Json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kMosquittoPub = "/usr/bin/mosquitto_pub";
constexpr const char* kEntity = "gm/A3/F8";  // a floor of the demo park

// Runs a program to completion (bounded by the program itself); returns its exit status.
int runProgram(const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::vector<char*> argv;
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A retained power reading for kEntity, stamped now, QoS 1.
bool publishPower(int port, double kw) {
    const std::string payload =
        R"({"ts":)" + std::to_string(nowMs()) + R"(,"value":)" + std::to_string(kw) + "}";
    return runProgram({kMosquittoPub, "-h", "127.0.0.1", "-p", std::to_string(port), "-q", "1",
                       "-r", "-t", std::string("parktwin/v1/") + kEntity + "/power", "-m",
                       payload}) == 0;
}

std::string connection(const Json& s) {
    return s.contains("live") && s["live"].is_object() ? s["live"].value("connection", "") : "";
}

std::string selectedLabel(const Json& s) {
    if (!s.contains("live") || !s["live"].is_object()) return "";
    const Json& sel = s["live"]["selected"];
    return sel.is_object() ? sel.value("label", "") : "";
}

}  // namespace

TEST_CASE("viewer: broker killed and restarted - keeps rendering and shows it and resumes",
          "[window][mqtt]") {
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "SKIPPED: no DISPLAY (scripts/test runs the tests under xvfb-run)\n");
        std::exit(pt::test::kSkipExitCode);
    }
    if (!std::filesystem::exists(pt::test::kMosquittoExe) ||
        !std::filesystem::exists(kMosquittoPub)) {
        std::fprintf(stderr, "SKIPPED: mosquitto or mosquitto_pub not installed\n");
        std::exit(pt::test::kSkipExitCode);
    }
    pt::test::Broker broker("viewer_broker_restart");
    REQUIRE(broker.start());
    // Retained before the viewer exists: it must arrive when the viewer subscribes.
    REQUIRE(publishPower(broker.port(), 123));

    const auto dir = pt::test::scratchDir("viewer_broker_restart_app");
    REQUIRE(pt::writeFileAtomic(dir / "token.txt", std::string_view("restart-token\n")).ok());
    const int apiPort = pt::test::freeLoopbackPort();
    pt::test::ViewerProcess viewer(
        {"--size", "480x300", "--samples", "1", "--data",
         "mqtt://127.0.0.1:" + std::to_string(broker.port()), "--layer", "power", "--api",
         "127.0.0.1:" + std::to_string(apiPort), "--api-token-file", (dir / "token.txt").string()},
        (dir / "viewer.log").string());
    httplib::Client c("127.0.0.1", apiPort);
    c.set_bearer_token_auth("restart-token");
    c.set_connection_timeout(1);
    c.set_read_timeout(20);
    const bool up = pt::test::waitFor(
        [&] { return !viewer.running() || pt::test::tryGetState(c).is_object(); }, 90s);
    auto log = [&] {
        auto text = pt::readTextFile(dir / "viewer.log");
        return (text ? *text : std::string("(no viewer log)")) + "\n--- broker log ---\n" +
               broker.log();
    };
    INFO(log());
    REQUIRE(up);
    REQUIRE(viewer.running());
    auto select = c.Post("/api/v1/select", std::string(R"({"entity": ")") + kEntity + "\"}",
                         "application/json");
    REQUIRE(select);
    REQUIRE(select->status == 202);

    // 1. Connected; the retained value shows on the selected floor.
    Json s = pt::test::waitForState(c, [](const Json& j) {
        return connection(j) == "connected" && selectedLabel(j) == "123 kW";
    });
    INFO("state: " << s.dump());
    REQUIRE(connection(s) == "connected");
    CHECK(selectedLabel(s) == "123 kW");
    CHECK(s["live"]["connects"] == 1);
    CHECK(s["live"]["dataAgeMs"].get<int64_t>() >= 0);
    CHECK(s["data"].get<std::string>().find("connected") != std::string::npos);

    // 2. Broker killed: the state says so, the data ages, the frames keep coming.
    broker.kill();
    const Json down = pt::test::waitForState(c, [](const Json& j) {
        return connection(j) == "reconnecting" || connection(j) == "connecting";
    });
    INFO("down: " << down.dump());
    REQUIRE((connection(down) == "reconnecting" || connection(down) == "connecting"));
    CHECK(down["data"].get<std::string>().find("reconnecting") != std::string::npos);
    const uint64_t framesDown = down["frames"];
    const int64_t ageDown = down["live"]["dataAgeMs"];
    const Json later = pt::test::waitForState(c, [&](const Json& j) {
        return j["live"]["dataAgeMs"].get<int64_t>() >= ageDown + 1500 &&
               j["frames"].get<uint64_t>() > framesDown + 5;
    });
    INFO("later: " << later.dump());
    CHECK(later["live"]["dataAgeMs"].get<int64_t>() >= ageDown + 1500);  // the data goes stale
    CHECK(later["frames"].get<uint64_t>() > framesDown + 5);             // still rendering
    CHECK(connection(later) != "connected");
    CHECK(selectedLabel(later) == "123 kW");  // the last known value, not made up
    CHECK(viewer.running());

    // 3. Broker back on the same port (no persistence, so nothing retained): the viewer
    //    reconnects, resubscribes, and a new value is applied.
    REQUIRE(broker.start());
    const Json back = pt::test::waitForState(c, [](const Json& j) {
        return connection(j) == "connected" && j["live"]["connects"] == 2;
    });
    INFO("back: " << back.dump());
    REQUIRE(connection(back) == "connected");
    CHECK(back["live"]["connects"] == 2);
    REQUIRE(publishPower(broker.port(), 456));
    const Json resumed = pt::test::waitForState(c, [](const Json& j) {
        return selectedLabel(j) == "456 kW" && j["live"]["dataAgeMs"].get<int64_t>() < 5000;
    });
    INFO("resumed: " << resumed.dump());
    CHECK(selectedLabel(resumed) == "456 kW");
    CHECK(resumed["live"]["dataAgeMs"].get<int64_t>() < 5000);
    CHECK(resumed["live"]["rejected"] == 0);
    CHECK(viewer.running());
}
