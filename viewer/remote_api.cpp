#include "viewer/remote_api.h"

#include <arpa/inet.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>

#include <httplib.h>

#include "core/log.h"

namespace pt::viewer {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Token, host and rate-limit helpers

namespace {

constexpr size_t kMaxTokenFileBytes = 4096;
constexpr int kSocketTimeoutSeconds = 5;
constexpr int kWorkerThreads = 4;  // concurrent requests; a screenshot may hold one for seconds

std::string trimmed(std::string_view text) {
    const char* kSpace = " \t\r\n\f\v";
    const size_t first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    const size_t last = text.find_last_not_of(kSpace);
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace

Result<std::string> loadToken(const std::string& tokenFile, const char* envVar) {
    std::string raw;
    std::string source;
    if (!tokenFile.empty()) {
        source = strCat("API token file '", tokenFile, "'");
        std::ifstream in(tokenFile, std::ios::binary);
        if (!in) return makeError(source, ": cannot open it (", std::strerror(errno), ")");
        raw.resize(kMaxTokenFileBytes + 1);
        in.read(raw.data(), std::streamsize(raw.size()));
        raw.resize(size_t(in.gcount()));
        if (raw.size() > kMaxTokenFileBytes)
            return makeError(source, ": larger than ", kMaxTokenFileBytes,
                             " bytes; it should hold only the token");
    } else if (envVar != nullptr && std::getenv(envVar) != nullptr) {
        source = strCat("environment variable ", envVar);
        raw = std::getenv(envVar);
    } else {
        return makeError("no API token: pass --api-token-file FILE",
                         envVar ? strCat(" or set ", envVar) : std::string());
    }
    std::string token = trimmed(raw);
    if (token.empty()) return makeError(source, ": the token is empty");
    for (unsigned char c : token)
        if (c <= 0x20 || c >= 0x7f)
            return makeError(source,
                             ": the token may contain only printable ASCII characters, no spaces");
    return token;
}

bool isLoopbackHost(std::string_view host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    in_addr v4{};
    const std::string text(host);
    if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    return false;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    const size_t n = std::max(a.size(), b.size());
    unsigned diff = a.size() == b.size() ? 0u : 1u;
    for (size_t i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= unsigned(x ^ y);
    }
    return diff == 0;
}

TokenBucket::TokenBucket(double ratePerSecond, int burst, Clock::time_point now)
    : m_rate(ratePerSecond), m_capacity(double(burst)), m_tokens(double(burst)), m_last(now) {}

bool TokenBucket::tryTake(Clock::time_point now, double* retryAfterSeconds) {
    if (now > m_last) {
        const double elapsed = std::chrono::duration<double>(now - m_last).count();
        m_tokens = std::min(m_capacity, m_tokens + elapsed * m_rate);
        m_last = now;
    }
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return true;
    }
    if (retryAfterSeconds) *retryAfterSeconds = (1.0 - m_tokens) / m_rate;
    return false;
}

// ---------------------------------------------------------------------------------------------
// Requests to Commands

namespace {

// A command route other than /commands: the body's fields plus the ones the route implies.
struct ShortcutRoute {
    const char* path;
    json implied;  // always holds "type"
};

const std::vector<ShortcutRoute>& shortcutRoutes() {
    static const std::vector<ShortcutRoute> routes = {
        {"/api/v1/select", {{"type", "select"}}},
        {"/api/v1/fly-to", {{"type", "flyTo"}}},
        {"/api/v1/floor-mode", {{"type", "floorMode"}}},
        {"/api/v1/layer", {{"type", "layer"}}},
        {"/api/v1/language", {{"type", "language"}}},
        {"/api/v1/tour/play", {{"type", "tour"}, {"action", "play"}}},
        {"/api/v1/tour/stop", {{"type", "tour"}, {"action", "stop"}}},
        {"/api/v1/bookmark", {{"type", "bookmark"}}},
        {"/api/v1/time", {{"type", "time"}}},
        {"/api/v1/presentation", {{"type", "presentation"}}},
    };
    return routes;
}

Result<json> parseBody(const std::string& body) {
    if (trimmed(body).empty()) return json::object();
    json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return makeError("request body: not valid JSON");
    return parsed;
}

// Parses every command first, so that one bad command queues none.
Result<std::vector<Command>> commandsFromBody(const std::string& body) {
    auto parsed = parseBody(body);
    if (!parsed) return parsed.error();
    const json& j = *parsed;
    std::vector<Command> commands;
    if (j.is_object() && j.contains("commands")) {
        if (!j.at("commands").is_array())
            return makeError("request body: \"commands\" must be an array of command objects");
        size_t index = 0;
        for (const json& item : j.at("commands")) {
            auto command = commandFromJson(item);
            if (!command) return makeError("commands[", index, "]: ", command.error().message);
            commands.push_back(std::move(*command));
            ++index;
        }
        return commands;
    }
    auto command = commandFromJson(j);
    if (!command) return command.error();
    commands.push_back(std::move(*command));
    return commands;
}

Result<Command> commandFromShortcut(const ShortcutRoute& route, const std::string& body) {
    auto parsed = parseBody(body);
    if (!parsed) return parsed.error();
    json j = std::move(*parsed);
    if (!j.is_object()) return makeError("request body: expected a JSON object");
    for (const auto& [key, value] : route.implied.items()) {
        if (j.contains(key) && j.at(key) != value)
            return makeError("request body: \"", key, "\" is implied by ", route.path, " (",
                             value.dump(), "); leave it out");
        j[key] = value;
    }
    return commandFromJson(j);
}

std::string dumpJson(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void sendJson(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(dumpJson(body), "application/json");
}

void sendError(httplib::Response& res, int status, std::string_view code,
               std::string_view message) {
    sendJson(res, status, {{"status", status}, {"error", code}, {"message", message}});
}

bool expectsBody(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The server

struct RemoteApi::Impl {
    using Handler = void (Impl::*)(const httplib::Request&, httplib::Response&);
    struct Route {
        std::string method;
        std::string path;
        Handler handler;
        const ShortcutRoute* shortcut = nullptr;
    };

    Impl(RemoteApiOptions opts, CommandQueue& q, StateProvider s, ScreenshotProvider shot)
        : options(std::move(opts)),
          queue(q),
          stateProvider(std::move(s)),
          screenshotProvider(std::move(shot)),
          bucket(options.maxRequestsPerSecond, options.burst, TokenBucket::Clock::now()) {
        routes.push_back({"GET", "/api/v1/state", &Impl::handleState});
        routes.push_back({"GET", "/api/v1/screenshot", &Impl::handleScreenshot});
        routes.push_back({"POST", "/api/v1/commands", &Impl::handleCommands});
        for (const ShortcutRoute& shortcut : shortcutRoutes())
            routes.push_back({"POST", shortcut.path, &Impl::handleShortcut, &shortcut});
    }

    void configure();
    void dispatch(const httplib::Request& req, httplib::Response& res);
    // Empty if the request carries the right token, else the reason.
    std::optional<std::string> authFailure(const httplib::Request& req) const;
    void pushAll(std::vector<Command> commands, httplib::Response& res);

    void handleState(const httplib::Request& req, httplib::Response& res);
    void handleScreenshot(const httplib::Request& req, httplib::Response& res);
    void handleCommands(const httplib::Request& req, httplib::Response& res);
    void handleShortcut(const httplib::Request& req, httplib::Response& res);

    RemoteApiOptions options;
    CommandQueue& queue;
    StateProvider stateProvider;
    ScreenshotProvider screenshotProvider;
    std::vector<Route> routes;

    std::mutex bucketMutex;
    TokenBucket bucket;
    std::timed_mutex screenshotMutex;  // one screenshot request at a time reaches the app

    httplib::Server server;
    std::thread thread;
    std::atomic<bool> finished{false};  // listen_after_bind() returned
    int port = -1;
};

void RemoteApi::Impl::configure() {
    server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
    server.set_payload_max_length(options.maxBodyBytes);
    server.set_read_timeout(kSocketTimeoutSeconds, 0);
    server.set_write_timeout(kSocketTimeoutSeconds, 0);
    server.set_keep_alive_timeout(kSocketTimeoutSeconds);
    // httplib writes headers and body separately; with Nagle on, a keep-alive reply waits for
    // the client's delayed ACK (~40 ms).
    server.set_tcp_nodelay(true);
    // httplib's default sets SO_REUSEPORT, which lets a second viewer bind the same port and
    // silently take half the requests; SO_REUSEADDR alone only allows a quick restart.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });

    // httplib reads a body of unknown length (chunked, or no Content-Length) without a size
    // limit, so such requests are refused before their body is read.
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        const bool chunked = req.has_header("Transfer-Encoding");
        if (chunked || (expectsBody(req.method) && !req.has_header("Content-Length"))) {
            res.set_header("Connection", "close");
            sendError(
                res, 411, "length_required",
                "send a Content-Length header (0 for an empty body); chunked bodies are refused");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });

    const auto dispatcher = [this](const httplib::Request& req, httplib::Response& res) {
        dispatch(req, res);
    };
    server.Get(".*", dispatcher);
    server.Post(".*", dispatcher);
    server.Put(".*", dispatcher);
    server.Patch(".*", dispatcher);
    server.Delete(".*", dispatcher);
    server.Options(".*", dispatcher);

    // Errors httplib answers itself (413 for a long Content-Length, 400 for malformed requests)
    // get the same JSON form; an unauthenticated caller learns only that it is unauthenticated.
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // ours
            if (res.status == 413 && authFailure(req)) {
                res.set_header("WWW-Authenticate", "Bearer");
                sendError(res, 401, "unauthorized", *authFailure(req));
            } else if (res.status == 413) {
                sendError(res, 413, "payload_too_large",
                          strCat("request body over ", options.maxBodyBytes, " bytes"));
            } else {
                sendError(res, res.status, "bad_request", "malformed HTTP request");
            }
            return httplib::Server::HandlerResponse::Handled;
        }));

    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        log::debug("remote API: ", req.method, " ", req.path, " -> ", res.status);
    });
}

std::optional<std::string> RemoteApi::Impl::authFailure(const httplib::Request& req) const {
    if (!req.has_header("Authorization")) return "missing header Authorization: Bearer <token>";
    const std::string value = req.get_header_value("Authorization");
    constexpr std::string_view kScheme = "bearer ";
    std::string scheme = value.substr(0, kScheme.size());
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (scheme != kScheme) return "Authorization must use the Bearer scheme";
    if (!constantTimeEquals(trimmed(std::string_view(value).substr(kScheme.size())), options.token))
        return "wrong token";
    return std::nullopt;
}

void RemoteApi::Impl::dispatch(const httplib::Request& req, httplib::Response& res) {
    double retryAfter = 0.0;
    bool admitted;
    {
        std::lock_guard lock(bucketMutex);
        admitted = bucket.tryTake(TokenBucket::Clock::now(), &retryAfter);
    }
    if (!admitted) {
        const int seconds = std::max(1, int(std::ceil(retryAfter)));
        res.set_header("Retry-After", std::to_string(seconds));
        sendError(res, 429, "rate_limited",
                  strCat("more than ", options.maxRequestsPerSecond, " requests per second (burst ",
                         options.burst, "); retry after ", seconds, " s"));
        return;
    }
    if (auto failure = authFailure(req)) {
        res.set_header("WWW-Authenticate", "Bearer");
        sendError(res, 401, "unauthorized", *failure);
        return;
    }
    if (req.body.size() > options.maxBodyBytes) {  // httplib normally stops these first
        sendError(res, 413, "payload_too_large",
                  strCat("request body over ", options.maxBodyBytes, " bytes"));
        return;
    }

    std::string allowed;
    for (const Route& route : routes) {
        if (route.path != req.path) continue;
        if (route.method == req.method) {
            try {
                (this->*route.handler)(req, res);
            } catch (const std::exception& e) {
                log::warn("remote API: ", req.method, " ", req.path, " failed: ", e.what());
                sendError(res, 500, "internal", e.what());
            }
            return;
        }
        allowed += (allowed.empty() ? "" : ", ") + route.method;
    }
    if (!allowed.empty()) {
        res.set_header("Allow", allowed);
        sendError(res, 405, "method_not_allowed",
                  strCat(req.path, " accepts ", allowed, ", not ", req.method));
        return;
    }
    sendError(res, 404, "not_found", strCat("no endpoint ", req.path, " (see docs/remote-api.md)"));
}

void RemoteApi::Impl::pushAll(std::vector<Command> commands, httplib::Response& res) {
    json echoed = json::array();
    for (Command& command : commands) {
        echoed.push_back(commandToJson(command));
        queue.push(std::move(command));
    }
    sendJson(res, 202, {{"queued", echoed.size()}, {"commands", std::move(echoed)}});
}

void RemoteApi::Impl::handleState(const httplib::Request&, httplib::Response& res) {
    if (!stateProvider) {
        sendError(res, 503, "unavailable", "this viewer publishes no state");
        return;
    }
    sendJson(res, 200, stateProvider());
}

void RemoteApi::Impl::handleScreenshot(const httplib::Request&, httplib::Response& res) {
    if (!screenshotProvider) {
        sendError(res, 503, "unavailable", "this viewer cannot take screenshots");
        return;
    }
    std::unique_lock lock(screenshotMutex, std::defer_lock);
    if (!lock.try_lock_for(options.screenshotTimeout)) {
        sendError(res, 503, "unavailable", "another screenshot is still being taken");
        return;
    }
    auto png = screenshotProvider(options.screenshotTimeout);
    if (!png) {
        sendError(res, 503, "unavailable", png.error().message);
        return;
    }
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::string(png->begin(), png->end()), "image/png");
}

void RemoteApi::Impl::handleCommands(const httplib::Request& req, httplib::Response& res) {
    auto commands = commandsFromBody(req.body);
    if (!commands) {
        sendError(res, 400, "invalid_command", commands.error().message);
        return;
    }
    pushAll(std::move(*commands), res);
}

void RemoteApi::Impl::handleShortcut(const httplib::Request& req, httplib::Response& res) {
    const ShortcutRoute* shortcut = nullptr;
    for (const Route& route : routes)
        if (route.path == req.path && route.shortcut) shortcut = route.shortcut;
    auto command = commandFromShortcut(*shortcut, req.body);
    if (!command) {
        sendError(res, 400, "invalid_command", command.error().message);
        return;
    }
    std::vector<Command> one;
    one.push_back(std::move(*command));
    pushAll(std::move(one), res);
}

// ---------------------------------------------------------------------------------------------

Result<std::unique_ptr<RemoteApi>> RemoteApi::start(RemoteApiOptions options, CommandQueue& queue,
                                                    StateProvider state,
                                                    ScreenshotProvider screenshot) {
    if (options.host.empty()) return makeError("remote API: no host to listen on");
    if (options.token.empty()) {
        if (!isLoopbackHost(options.host))
            return makeError("remote API: refusing to listen on ", options.host,
                             " (not a loopback address) without a token; pass --api-token-file "
                             "or set PARKTWIN_API_TOKEN");
        return makeError("remote API: a token is required even on ", options.host,
                         "; pass --api-token-file or set PARKTWIN_API_TOKEN");
    }
    if (options.port < 0 || options.port > 65535)
        return makeError("remote API: port ", options.port, " is not between 0 and 65535");
    if (options.maxBodyBytes == 0) return makeError("remote API: maxBodyBytes must be positive");
    if (!(options.maxRequestsPerSecond > 0.0) || options.burst < 1)
        return makeError("remote API: the rate limit needs a positive rate and a burst of 1+");

    auto impl =
        std::make_unique<Impl>(std::move(options), queue, std::move(state), std::move(screenshot));
    impl->configure();
    const RemoteApiOptions& opts = impl->options;
    errno = 0;
    if (opts.port == 0) {
        impl->port = impl->server.bind_to_any_port(opts.host);
    } else if (impl->server.bind_to_port(opts.host, opts.port)) {
        impl->port = opts.port;
    }
    if (impl->port <= 0)
        return makeError("remote API: cannot listen on ", opts.host, ":", opts.port,
                         errno ? strCat(" (", std::strerror(errno), ")") : std::string());

    Impl* raw = impl.get();
    impl->thread = std::thread([raw] {
        raw->server.listen_after_bind();
        raw->finished = true;
    });
    // stop() is a no-op until the accept loop runs, so wait for it (bounded).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!impl->server.is_running() && !impl->finished &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::unique_ptr<RemoteApi> api(new RemoteApi(std::move(impl)));
    if (!api->m_impl->server.is_running())
        return makeError("remote API: the server on ", api->host(), ":", api->port(),
                         " did not start");  // ~RemoteApi joins the thread
    log::info("remote API: listening on http://", api->host(), ":", api->port());
    if (!isLoopbackHost(api->host()))
        log::warn("remote API: listening on ", api->host(),
                  ", beyond this machine; the token travels unencrypted (use a TLS proxy)");
    return api;
}

RemoteApi::RemoteApi(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

RemoteApi::~RemoteApi() {
    stop();
}

int RemoteApi::port() const {
    return m_impl->port;
}

const std::string& RemoteApi::host() const {
    return m_impl->options.host;
}

void RemoteApi::stop() {
    Impl& impl = *m_impl;
    if (!impl.thread.joinable()) return;
    // httplib's stop() does nothing before the accept loop runs, and must run only once after.
    while (!impl.server.is_running() && !impl.finished)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (impl.server.is_running()) impl.server.stop();
    impl.thread.join();
    log::debug("remote API: stopped");
}

}  // namespace pt::viewer
