#pragma once
// The remote-control API: HTTP + JSON on its own threads (cpp-httplib), bound to 127.0.0.1 by
// default. It changes nothing itself: every write becomes a Command pushed to the app's
// CommandQueue, and reads go through two providers the app supplies. Every request must carry
// `Authorization: Bearer <token>`; there is no default token. See docs/remote-api.md.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "viewer/command.h"

namespace pt::viewer {

struct RemoteApiOptions {
    std::string host = "127.0.0.1";    // a non-loopback host exposes the API to the network
    int port = 0;                      // 0: pick a free port (see RemoteApi::port())
    std::string token;                 // required; see loadToken()
    size_t maxBodyBytes = 64 * 1024;   // larger bodies get 413 without being kept in memory
    double maxRequestsPerSecond = 50;  // token-bucket refill rate, for the whole server
    int burst = 100;                   // token-bucket capacity
    // How long GET /api/v1/screenshot waits for the render thread before answering 503.
    std::chrono::milliseconds screenshotTimeout{5000};
};

// Returns the app's state as JSON. Called on a server worker thread, possibly on several at once:
// the app publishes a snapshot under its own mutex and returns a copy.
using StateProvider = std::function<nlohmann::json()>;
// Returns a PNG of the current view, or an error (no frame within `timeout`, no renderer...).
// Called on a server worker thread, one call at a time; the app fulfils it on its render thread
// and must return within about `timeout`.
using ScreenshotProvider =
    std::function<Result<std::vector<uint8_t>>(std::chrono::milliseconds timeout)>;

// The token from `tokenFile` if it is not empty, else from the environment variable `envVar`;
// surrounding whitespace is trimmed. Errors name the file or variable; an empty token, or one with
// spaces or control characters inside, is refused.
Result<std::string> loadToken(const std::string& tokenFile,
                              const char* envVar = "PARKTWIN_API_TOKEN");

// 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackHost(std::string_view host);

// Compares in time that depends only on the lengths, not on where the strings differ.
bool constantTimeEquals(std::string_view a, std::string_view b);

// Admits `ratePerSecond` requests per second on average and up to `burst` at once. Not
// thread-safe (RemoteApi guards it); time is passed in so tests can drive it.
class TokenBucket {
public:
    using Clock = std::chrono::steady_clock;
    TokenBucket(double ratePerSecond, int burst, Clock::time_point now);
    // Takes one token if there is one. Otherwise returns false and, if `retryAfterSeconds` is
    // given, stores how long until the next token.
    bool tryTake(Clock::time_point now, double* retryAfterSeconds = nullptr);

private:
    double m_rate;
    double m_capacity;
    double m_tokens;
    Clock::time_point m_last;
};

// Owns the HTTP server and its threads. start() returns once the socket accepts connections;
// stop() (or the destructor) closes it, waits for requests in flight (each bounded by the
// socket timeouts and screenshotTimeout) and joins the threads. `queue` must outlive this object.
// All public functions are for the owning (app) thread.
class RemoteApi {
public:
    static Result<std::unique_ptr<RemoteApi>> start(RemoteApiOptions options, CommandQueue& queue,
                                                    StateProvider state,
                                                    ScreenshotProvider screenshot);
    ~RemoteApi();
    RemoteApi(const RemoteApi&) = delete;
    RemoteApi& operator=(const RemoteApi&) = delete;

    int port() const;  // the bound port (the picked one when options.port was 0)
    const std::string& host() const;
    void stop();  // idempotent

    struct Impl;  // in remote_api.cpp; public only so the .cpp's helpers can name it

private:
    explicit RemoteApi(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace pt::viewer
