// The remote-control API over real HTTP on 127.0.0.1 (loopback only; every wait is bounded by the
// client's timeouts).
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "core/image_io.h"
#include "core/log.h"
#include "test_paths.h"
#include "viewer/remote_api.h"

using namespace pt::viewer;
using nlohmann::json;

namespace {

const std::string kToken = "test-token-4f1c9e27a0b3";

httplib::Headers bearer(const std::string& token = kToken) {
    return {{"Authorization", "Bearer " + token}};
}

RemoteApiOptions testOptions() {
    RemoteApiOptions options;
    options.token = kToken;
    return options;
}

// One server on 127.0.0.1 with a free port, recording what the providers were asked.
struct TestServer {
    explicit TestServer(
        RemoteApiOptions options = testOptions(),
        StateProvider state =
            [] {
                return json{{"floorMode", "ghost"}};
            },
        ScreenshotProvider screenshot = nullptr) {
        auto started =
            RemoteApi::start(std::move(options), queue, std::move(state), std::move(screenshot));
        if (!started) FAIL(started.error().message);
        api = std::move(*started);
    }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", api->port());
        c.set_connection_timeout(2, 0);
        c.set_read_timeout(10, 0);
        c.set_write_timeout(10, 0);
        c.set_tcp_nodelay(true);
        return c;
    }

    CommandQueue queue;
    std::unique_ptr<RemoteApi> api;
};

json bodyJson(const httplib::Result& res) {
    REQUIRE(res);
    INFO(res->body);
    return json::parse(res->body);
}

std::vector<json> drainedJson(CommandQueue& queue) {
    std::vector<json> out;
    for (const Command& c : queue.drain())
        out.push_back(commandToJson(c));
    return out;
}

std::filesystem::path writeFile(const char* dirName, const char* name, const std::string& text) {
    const auto path = pt::test::scratchDir(dirName) / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

// Sends `request` as is and returns what arrives until the end of the reply's headers, the
// connection closes, or 3 s pass.
std::string rawExchange(int port, const std::string& request) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    timeval timeout{.tv_sec = 3, .tv_usec = 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string reply;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size())) {
        char buffer[1024];
        while (reply.find("\r\n\r\n") == std::string::npos) {
            const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
            if (n <= 0) break;
            reply.append(buffer, size_t(n));
        }
    }
    ::close(fd);
    return reply;
}

}  // namespace

TEST_CASE("Remote API: requests need the right bearer token", "[remote_api]") {
    TestServer server;
    auto client = server.client();

    auto none = client.Get("/api/v1/state");
    REQUIRE(none);
    CHECK(none->status == 401);
    CHECK(none->get_header_value("WWW-Authenticate") == "Bearer");
    CHECK(bodyJson(none)["error"] == "unauthorized");

    auto wrong = client.Get("/api/v1/state", bearer("test-token-4f1c9e27a0b4"));
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    auto prefix = client.Get("/api/v1/state", bearer(kToken.substr(0, kToken.size() - 1)));
    REQUIRE(prefix);
    CHECK(prefix->status == 401);
    auto longer = client.Get("/api/v1/state", bearer(kToken + "x"));
    REQUIRE(longer);
    CHECK(longer->status == 401);
    auto basic = client.Get("/api/v1/state", {{"Authorization", "Basic " + kToken}});
    REQUIRE(basic);
    CHECK(basic->status == 401);

    // Commands without the token queue nothing, and unknown routes do not reveal themselves.
    auto post = client.Post("/api/v1/layer", R"({"layer": "power"})", "application/json");
    REQUIRE(post);
    CHECK(post->status == 401);
    CHECK(server.queue.drain().empty());
    auto unknown = client.Get("/api/v1/nothing-here");
    REQUIRE(unknown);
    CHECK(unknown->status == 401);

    auto right = client.Get("/api/v1/state", bearer());
    REQUIRE(right);
    CHECK(right->status == 200);
    auto lowerScheme = client.Get("/api/v1/state", {{"Authorization", "bearer " + kToken}});
    REQUIRE(lowerScheme);
    CHECK(lowerScheme->status == 200);
}

TEST_CASE("Remote API: bodies over the limit get 413 and queue nothing", "[remote_api]") {
    RemoteApiOptions options = testOptions();
    options.maxBodyBytes = 256;
    TestServer server(options);
    auto client = server.client();

    const std::string padding(400, ' ');
    const std::string big = R"({"type": "layer", "layer": "power"})" + padding;
    auto res = client.Post("/api/v1/commands", bearer(), big, "application/json");
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(bodyJson(res)["error"] == "payload_too_large");
    CHECK(server.queue.drain().empty());

    // Without the token the answer is 401, not a hint about the body.
    auto anonymous = client.Post("/api/v1/commands", big, "application/json");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);

    // The same command under the limit goes through.
    auto small = client.Post("/api/v1/commands", bearer(), big.substr(0, 200), "application/json");
    REQUIRE(small);
    CHECK(small->status == 202);
    CHECK(server.queue.drain().size() == 1);
}

TEST_CASE("Remote API: bodies of unknown length are refused before they are read", "[remote_api]") {
    TestServer server;
    const std::string head =
        "POST /api/v1/commands HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Authorization: Bearer " +
        kToken + "\r\n";
    // Only the headers are sent: an answer proves the server did not wait for the body.
    const std::string chunked =
        rawExchange(server.api->port(), head + "Transfer-Encoding: chunked\r\n\r\n");
    CHECK(chunked.rfind("HTTP/1.1 411", 0) == 0);
    const std::string noLength = rawExchange(server.api->port(), head + "\r\n");
    CHECK(noLength.rfind("HTTP/1.1 411", 0) == 0);
    CHECK(server.queue.drain().empty());
}

TEST_CASE("Remote API: more requests than the burst get 429 with Retry-After", "[remote_api]") {
    RemoteApiOptions options = testOptions();
    options.burst = 5;
    options.maxRequestsPerSecond = 0.01;  // no refill within the test
    TestServer server(options);
    auto client = server.client();
    for (int i = 0; i < 5; ++i) {
        auto res = client.Get("/api/v1/state", bearer());
        REQUIRE(res);
        CHECK(res->status == 200);
    }
    auto limited = client.Get("/api/v1/state", bearer());
    REQUIRE(limited);
    CHECK(limited->status == 429);
    CHECK(bodyJson(limited)["error"] == "rate_limited");
    const std::string retry = limited->get_header_value("Retry-After");
    REQUIRE(!retry.empty());
    CHECK(std::stoi(retry) >= 1);
    CHECK(std::stoi(retry) <= 100);

    auto command =
        client.Post("/api/v1/layer", bearer(), R"({"layer": "power"})", "application/json");
    REQUIRE(command);
    CHECK(command->status == 429);
    CHECK(server.queue.drain().empty());
}

TEST_CASE("TokenBucket admits the burst, then the rate", "[remote_api]") {
    using namespace std::chrono_literals;
    const auto t0 = TokenBucket::Clock::time_point{} + 1h;
    TokenBucket bucket(2.0, 3, t0);
    CHECK(bucket.tryTake(t0));
    CHECK(bucket.tryTake(t0));
    CHECK(bucket.tryTake(t0));
    double retry = 0.0;
    CHECK_FALSE(bucket.tryTake(t0, &retry));
    CHECK(retry == Approx(0.5));
    CHECK_FALSE(bucket.tryTake(t0 + 400ms));
    CHECK(bucket.tryTake(t0 + 500ms));
    CHECK_FALSE(bucket.tryTake(t0 + 500ms));
    // A long idle period refills to the burst, not beyond.
    const auto later = t0 + 1h;
    for (int i = 0; i < 3; ++i)
        CHECK(bucket.tryTake(later));
    CHECK_FALSE(bucket.tryTake(later));
}

TEST_CASE("Remote API: every command route queues exactly its command", "[remote_api]") {
    struct Case {
        const char* path;
        const char* body;
        json expected;  // commandToJson of the one queued command
    };
    const std::vector<Case> cases = {
        {"/api/v1/select",
         R"({"entity": "gm/A3/F12"})",
         {{"type", "select"}, {"entity", "gm/A3/F12"}}},
        {"/api/v1/select", "", {{"type", "select"}, {"entity", ""}}},
        {"/api/v1/fly-to", R"({"entity": "gm/A3"})", {{"type", "flyTo"}, {"entity", "gm/A3"}}},
        {"/api/v1/floor-mode",
         R"({"mode": "cutaway"})",
         {{"type", "floorMode"}, {"mode", "cutaway"}}},
        {"/api/v1/layer", R"({"layer": "chargers"})", {{"type", "layer"}, {"layer", "chargers"}}},
        {"/api/v1/language", R"({"language": "zh"})", {{"type", "language"}, {"language", "zh"}}},
        {"/api/v1/tour/play",
         R"({"tour": "investor"})",
         {{"type", "tour"}, {"action", "play"}, {"tour", "investor"}}},
        {"/api/v1/tour/stop", "", {{"type", "tour"}, {"action", "stop"}, {"tour", ""}}},
        {"/api/v1/bookmark",
         R"({"action": "go", "name": "lobby"})",
         {{"type", "bookmark"}, {"action", "go"}, {"name", "lobby"}}},
        {"/api/v1/time",
         R"({"action": "scrub", "timeMs": 1764312000123})",
         {{"type", "time"}, {"action", "scrub"}, {"timeMs", 1764312000123}}},
        {"/api/v1/time",
         R"({"action": "play", "speed": 60})",
         {{"type", "time"}, {"action", "play"}, {"speed", 60.0}}},
        {"/api/v1/commands",
         R"({"type": "timeOfDay", "time": "19:30"})",
         {{"type", "timeOfDay"}, {"time", "19:30"}}},
        {"/api/v1/commands",
         R"({"type": "camera", "eye": [1, 2, 3], "target": [4, 5, 6], "fov": 40})",
         {{"type", "camera"},
          {"eye", {1.0, 2.0, 3.0}},
          {"target", {4.0, 5.0, 6.0}},
          {"fov", 40.0}}},
    };
    TestServer server;
    auto client = server.client();
    for (const Case& c : cases) {
        INFO(c.path << " " << c.body);
        auto res = client.Post(c.path, bearer(), c.body, "application/json");
        REQUIRE(res);
        CHECK(res->status == 202);
        const json reply = bodyJson(res);
        CHECK(reply["queued"] == 1);
        CHECK(reply["commands"] == json::array({c.expected}));
        const auto queued = drainedJson(server.queue);
        REQUIRE(queued.size() == 1);
        CHECK(queued[0] == c.expected);
    }
}

TEST_CASE("Remote API: a batch of commands is queued in order", "[remote_api]") {
    TestServer server;
    auto client = server.client();
    const json batch = {{"commands",
                         {{{"type", "select"}, {"entity", "gm/A3"}},
                          {{"type", "flyTo"}, {"entity", "gm/A3"}},
                          {{"type", "floorMode"}, {"mode", "isolate"}}}}};
    auto res = client.Post("/api/v1/commands", bearer(), batch.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 202);
    CHECK(bodyJson(res)["queued"] == 3);
    const auto queued = drainedJson(server.queue);
    REQUIRE(queued.size() == 3);
    for (size_t i = 0; i < 3; ++i)
        CHECK(queued[i] == batch["commands"][i]);
}

TEST_CASE("Remote API: an invalid command gets 400 and nothing is queued", "[remote_api]") {
    struct Case {
        const char* path;
        const char* body;
        const char* message;  // the error message in the reply
    };
    const std::vector<Case> cases = {
        {"/api/v1/commands",
         R"({"commands": [{"type": "layer", "layer": "power"}, {"type": "explode"}]})",
         "commands[1]: command: unknown type \"explode\""},
        {"/api/v1/commands", R"({"commands": {"type": "layer"}})",
         "request body: \"commands\" must be an array of command objects"},
        {"/api/v1/commands", R"({"type": "layer", )", "request body: not valid JSON"},
        {"/api/v1/commands", "", "command: missing \"type\""},
        {"/api/v1/floor-mode", R"({"mode": "xray"})",
         "command: \"mode\" must be one of none, isolate, ghost, cutaway, explode, section, got "
         "\"xray\""},
        {"/api/v1/fly-to", "", "command: missing \"entity\""},
        {"/api/v1/tour/play", "", "command: missing \"tour\""},
        {"/api/v1/time", R"({"action": "scrub"})",
         "command: \"timeMs\" must be an integer (ms since epoch)"},
        {"/api/v1/select", R"({"type": "layer", "layer": "power"})",
         "request body: \"type\" is implied by /api/v1/select (\"select\"); leave it out"},
        {"/api/v1/tour/play", R"({"action": "stop"})",
         "request body: \"action\" is implied by /api/v1/tour/play (\"play\"); leave it out"},
        {"/api/v1/layer", R"(["power"])", "request body: expected a JSON object"},
    };
    TestServer server;
    auto client = server.client();
    for (const Case& c : cases) {
        INFO(c.path << " " << c.body);
        auto res = client.Post(c.path, bearer(), c.body, "application/json");
        REQUIRE(res);
        CHECK(res->status == 400);
        const json reply = bodyJson(res);
        CHECK(reply["error"] == "invalid_command");
        CHECK(reply["status"] == 400);
        const std::string message = reply["message"];
        CHECK(message.rfind(c.message, 0) == 0);
        CHECK(server.queue.drain().empty());
    }
}

TEST_CASE("Remote API: /state returns the provider's JSON", "[remote_api]") {
    const json state = {{"selection", "gm/A3/F12"},
                        {"floorMode", "ghost"},
                        {"layers", {"power", "occupancy"}},
                        {"name", "园区 A3"}};
    std::atomic<int> calls{0};
    TestServer server(testOptions(), [&] {
        ++calls;
        return state;
    });
    auto client = server.client();
    auto res = client.Get("/api/v1/state", bearer());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK(json::parse(res->body) == state);
    CHECK(calls == 1);
}

TEST_CASE("Remote API: a throwing state provider gives 500, not a dead server", "[remote_api]") {
    TestServer server(testOptions(), []() -> json { throw std::runtime_error("snapshot torn"); });
    auto client = server.client();
    auto res = client.Get("/api/v1/state", bearer());
    REQUIRE(res);
    CHECK(res->status == 500);
    CHECK(bodyJson(res)["message"] == "snapshot torn");
    auto again = client.Get("/api/v1/nope", bearer());
    REQUIRE(again);
    CHECK(again->status == 404);
}

TEST_CASE("Remote API: /screenshot returns the provider's PNG", "[remote_api]") {
    pt::RgbaImage image{.width = 3, .height = 2, .pixels = std::vector<uint8_t>(3 * 2 * 4, 200)};
    auto png = pt::encodePng(image);
    REQUIRE(png.ok());
    const std::vector<uint8_t> bytes = *png;
    std::chrono::milliseconds askedTimeout{0};
    RemoteApiOptions options = testOptions();
    options.screenshotTimeout = std::chrono::milliseconds(1234);
    TestServer server(options, nullptr, [&](std::chrono::milliseconds timeout) {
        askedTimeout = timeout;
        return pt::Result<std::vector<uint8_t>>(bytes);
    });
    auto client = server.client();
    auto res = client.Get("/api/v1/screenshot", bearer());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "image/png");
    const std::string signature = "\x89PNG\r\n\x1a\n";
    REQUIRE(res->body.size() > signature.size());
    CHECK(res->body.substr(0, signature.size()) == signature);
    CHECK(res->body == std::string(bytes.begin(), bytes.end()));
    CHECK(askedTimeout == std::chrono::milliseconds(1234));
}

TEST_CASE("Remote API: /screenshot answers 503 when the provider fails", "[remote_api]") {
    TestServer server(testOptions(), nullptr, [](std::chrono::milliseconds) {
        return pt::Result<std::vector<uint8_t>>(pt::makeError("no frame within 1234 ms"));
    });
    auto client = server.client();
    auto res = client.Get("/api/v1/screenshot", bearer());
    REQUIRE(res);
    CHECK(res->status == 503);
    CHECK(bodyJson(res)["message"] == "no frame within 1234 ms");

    // No providers at all: 503 for both reads.
    TestServer bare(testOptions(), nullptr, nullptr);
    auto bareClient = bare.client();
    auto shot = bareClient.Get("/api/v1/screenshot", bearer());
    REQUIRE(shot);
    CHECK(shot->status == 503);
    auto state = bareClient.Get("/api/v1/state", bearer());
    REQUIRE(state);
    CHECK(state->status == 503);
}

TEST_CASE("Remote API: unknown routes get 404, wrong methods 405", "[remote_api]") {
    TestServer server;
    auto client = server.client();
    auto unknown = client.Get("/api/v1/teleport", bearer());
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(unknown->get_header_value("Content-Type") == "application/json");
    CHECK(bodyJson(unknown)["error"] == "not_found");

    auto getCommands = client.Get("/api/v1/commands", bearer());
    REQUIRE(getCommands);
    CHECK(getCommands->status == 405);
    CHECK(getCommands->get_header_value("Allow") == "POST");
    CHECK(bodyJson(getCommands)["error"] == "method_not_allowed");

    auto postState = client.Post("/api/v1/state", bearer(), "{}", "application/json");
    REQUIRE(postState);
    CHECK(postState->status == 405);
    CHECK(postState->get_header_value("Allow") == "GET");

    auto deleteLayer = client.Delete("/api/v1/layer", bearer(), "{}", "application/json");
    REQUIRE(deleteLayer);
    CHECK(deleteLayer->status == 405);
    CHECK(server.queue.drain().empty());
}

TEST_CASE("Remote API: requests are logged at debug level without the token", "[remote_api]") {
    std::mutex mutex;
    std::vector<std::pair<pt::log::Level, std::string>> messages;
    pt::log::LogCapture capture([&](pt::log::Level level, std::string_view message) {
        std::lock_guard lock(mutex);
        messages.emplace_back(level, std::string(message));
    });
    {
        TestServer server;
        auto client = server.client();
        REQUIRE(client.Get("/api/v1/state", bearer()));
        REQUIRE(client.Get("/api/v1/state", bearer("wrong-" + kToken)));
        REQUIRE(
            client.Post("/api/v1/layer", bearer(), R"({"layer": "power"})", "application/json"));
    }  // stop() joins the server threads, so every log line is in
    std::lock_guard lock(mutex);
    auto logged = [&](const std::string& text) {
        return std::any_of(messages.begin(), messages.end(), [&](const auto& m) {
            return m.first == pt::log::Level::Debug && m.second.find(text) != std::string::npos;
        });
    };
    CHECK(logged("GET /api/v1/state -> 200"));
    CHECK(logged("GET /api/v1/state -> 401"));
    CHECK(logged("POST /api/v1/layer -> 202"));
    for (const auto& m : messages)
        CHECK(m.second.find(kToken) == std::string::npos);
}

TEST_CASE("loadToken reads a file or the environment and refuses bad tokens", "[remote_api]") {
    const auto good = writeFile("remote_api_token", "token.txt", "  s3cr3t-token\n");
    auto token = loadToken(good.string(), nullptr);
    REQUIRE(token.ok());
    CHECK(*token == "s3cr3t-token");

    const std::string missing = (pt::test::scratchDir("remote_api_missing") / "nope.txt").string();
    auto noFile = loadToken(missing, nullptr);
    REQUIRE_FALSE(noFile.ok());
    CHECK(noFile.error().message.find(missing) != std::string::npos);

    const auto empty = writeFile("remote_api_empty", "token.txt", " \n\t\n");
    auto emptyToken = loadToken(empty.string(), nullptr);
    REQUIRE_FALSE(emptyToken.ok());
    CHECK(emptyToken.error().message.find(empty.string()) != std::string::npos);
    CHECK(emptyToken.error().message.find("empty") != std::string::npos);

    const auto spaced = writeFile("remote_api_spaced", "token.txt", "two words\n");
    auto spacedToken = loadToken(spaced.string(), nullptr);
    REQUIRE_FALSE(spacedToken.ok());
    CHECK(spacedToken.error().message.find("no spaces") != std::string::npos);

    const char* var = "PT_REMOTE_API_TEST_TOKEN";
    ::unsetenv(var);
    auto none = loadToken("", var);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message.find(var) != std::string::npos);
    ::setenv(var, " from-env \n", 1);
    auto fromEnv = loadToken("", var);
    REQUIRE(fromEnv.ok());
    CHECK(*fromEnv == "from-env");
    auto fileWins = loadToken(good.string(), var);
    REQUIRE(fileWins.ok());
    CHECK(*fileWins == "s3cr3t-token");
    ::setenv(var, "", 1);
    auto emptyEnv = loadToken("", var);
    REQUIRE_FALSE(emptyEnv.ok());
    CHECK(emptyEnv.error().message.find(var) != std::string::npos);
    ::unsetenv(var);
}

TEST_CASE("Remote API refuses to start without a token, above all beyond loopback",
          "[remote_api]") {
    CommandQueue queue;
    RemoteApiOptions open;
    open.host = "0.0.0.0";
    auto refused = RemoteApi::start(open, queue, nullptr, nullptr);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("0.0.0.0") != std::string::npos);
    CHECK(refused.error().message.find("token") != std::string::npos);

    RemoteApiOptions local;  // 127.0.0.1, no token
    auto localRefused = RemoteApi::start(local, queue, nullptr, nullptr);
    REQUIRE_FALSE(localRefused.ok());
    CHECK(localRefused.error().message.find("token") != std::string::npos);

    CHECK(isLoopbackHost("127.0.0.1"));
    CHECK(isLoopbackHost("127.10.0.3"));
    CHECK(isLoopbackHost("localhost"));
    CHECK(isLoopbackHost("::1"));
    CHECK_FALSE(isLoopbackHost("0.0.0.0"));
    CHECK_FALSE(isLoopbackHost("192.168.1.20"));
    CHECK_FALSE(isLoopbackHost("127.example.com"));
    CHECK_FALSE(isLoopbackHost("::"));
    CHECK_FALSE(isLoopbackHost(""));

    CHECK(constantTimeEquals("abc", "abc"));
    CHECK_FALSE(constantTimeEquals("abc", "abd"));
    CHECK_FALSE(constantTimeEquals("abc", "abcd"));
    CHECK_FALSE(constantTimeEquals("", "a"));
}

TEST_CASE("Remote API: a port in use is an error, and stop() closes the port", "[remote_api]") {
    TestServer first;
    const int port = first.api->port();
    CHECK(port > 0);
    CommandQueue queue;
    RemoteApiOptions same = testOptions();
    same.port = port;
    auto second = RemoteApi::start(same, queue, nullptr, nullptr);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().message.find(std::to_string(port)) != std::string::npos);

    auto client = first.client();
    REQUIRE(client.Get("/api/v1/state", bearer()));
    first.api->stop();
    first.api->stop();  // idempotent
    auto after = client.Get("/api/v1/state", bearer());
    CHECK_FALSE(after);
}

TEST_CASE("Remote API: stop() waits for a slow screenshot, bounded by its timeout",
          "[remote_api]") {
    std::atomic<bool> entered{false};
    TestServer server(testOptions(), nullptr, [&](std::chrono::milliseconds) {
        entered = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return pt::Result<std::vector<uint8_t>>(pt::makeError("render thread gone"));
    });
    std::thread request([&] {
        auto client = server.client();
        auto res = client.Get("/api/v1/screenshot", bearer());
        CHECK((!res || res->status == 503));
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!entered && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    CHECK(entered);
    const auto before = std::chrono::steady_clock::now();
    server.api->stop();
    const auto took = std::chrono::steady_clock::now() - before;
    request.join();
    CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("Remote API: command latency, request to queue (printed, not asserted)",
          "[remote_api][latency]") {
    RemoteApiOptions options = testOptions();
    options.burst = 1000;
    TestServer server(options);
    constexpr int kRequests = 200;
    auto measure = [&](bool keepAlive) {
        auto client = server.client();
        client.set_keep_alive(keepAlive);
        std::vector<double> micros;
        for (int i = 0; i < kRequests; ++i) {
            const auto start = std::chrono::steady_clock::now();
            auto res =
                client.Post("/api/v1/layer", bearer(), R"({"layer": "power"})", "application/json");
            // The command is pushed before the reply is written, so reply time bounds queue time.
            const auto end = std::chrono::steady_clock::now();
            REQUIRE(res);
            REQUIRE(res->status == 202);
            micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
        }
        CHECK(server.queue.drain().size() == kRequests);
        std::sort(micros.begin(), micros.end());
        const double p50 = micros[kRequests / 2];
        const double p99 = micros[kRequests * 99 / 100];
        std::printf(
            "remote API latency (%s, %d requests, request -> 202 after queueing): "
            "p50 %.0f us, p99 %.0f us\n",
            keepAlive ? "keep-alive" : "new connection each", kRequests, p50, p99);
    };
    measure(true);
    measure(false);
}
