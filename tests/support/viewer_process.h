#pragma once
// Running the real `parktwin` program from a test: a free loopback port for its remote API, the
// process itself (optionally under a wrapper such as its own `xvfb-run`), killed at the end of
// the test, and polling its /api/v1/state. Header-only; used by the integration tests.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include "loopback.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace pt::test {

// parktwin in its own process group (so a wrapper and its children die together), stdout and
// stderr to `log`; killed (SIGTERM to the group) when the test ends.
struct ViewerProcess {
    pid_t pid = -1;
    ViewerProcess(const std::vector<std::string>& args, const std::string& log,
                  const std::vector<std::string>& wrapper = {}) {
        pid = fork();
        if (pid == 0) {
            setpgid(0, 0);
            const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, 1);
            dup2(fd, 2);
            std::vector<char*> argv;
            for (const auto& w : wrapper)
                argv.push_back(const_cast<char*>(w.c_str()));
            argv.push_back(const_cast<char*>(PT_TEST_PARKTWIN_EXE));
            for (const auto& a : args)
                argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            execvp(argv[0], argv.data());
            _exit(127);
        }
        setpgid(pid, pid);
    }
    ViewerProcess(const ViewerProcess&) = delete;
    ViewerProcess& operator=(const ViewerProcess&) = delete;
    ~ViewerProcess() {
        if (pid > 0) {
            kill(-pid, SIGTERM);
            int status;
            waitpid(pid, &status, 0);
        }
    }
    bool running() const { return waitpid(pid, nullptr, WNOHANG) == 0; }
    // Waits up to `timeout` for the process to end by itself: its exit code (128 + signal when
    // killed), or -1 if it is still running.
    int waitExit(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                pid = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return -1;
    }
};

inline nlohmann::json getState(httplib::Client& c) {
    auto r = c.Get("/api/v1/state");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return nlohmann::json::parse(r->body);
}

// The state, or null while the API does not answer (starting up, or gone).
inline nlohmann::json tryGetState(httplib::Client& c) {
    auto r = c.Get("/api/v1/state");
    if (!r || r->status != 200) return nullptr;
    return nlohmann::json::parse(r->body, nullptr, /*allow_exceptions=*/false);
}

// Waits until the API answers 200 (the viewer loads the demo park first) or the process ends.
inline bool waitForApi(httplib::Client& c, const ViewerProcess& viewer,
                       std::chrono::seconds timeout = std::chrono::seconds(90)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline && viewer.running()) {
        if (auto probe = c.Get("/api/v1/state"); probe && probe->status == 200) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
}

// Polls /state until `pred` holds (the app applies commands once per frame), bounded in time.
template <class Pred>
nlohmann::json waitForState(httplib::Client& c, Pred pred,
                            std::chrono::seconds timeout = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    nlohmann::json s;
    while (std::chrono::steady_clock::now() < deadline) {
        s = tryGetState(c);
        if (s.is_object() && pred(s)) return s;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return s;
}

}  // namespace pt::test
