#include "viewer/wall_sync.h"

#include <mosquitto.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>

#include "core/log.h"
#include "twin/live_data.h"
#include "viewer/tour.h"

namespace pt::viewer {
namespace {

extern "C" void onWallConnect(mosquitto*, void* self, int rc) {
    static_cast<VideoWall*>(self)->onConnect(rc);
}

extern "C" void onWallMessage(mosquitto*, void* self, const mosquitto_message* message) {
    static_cast<VideoWall*>(self)->onMessage(message->payload, message->payloadlen);
}

std::string timeModeName(data::TimeCursor::Mode mode) {
    switch (mode) {
        case data::TimeCursor::Mode::Paused:
            return "paused";
        case data::TimeCursor::Mode::Playing:
            return "playing";
        case data::TimeCursor::Mode::Live:
            break;
    }
    return "live";
}

std::string stringField(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<std::unique_ptr<VideoWall>> VideoWall::start(const Options& options) {
    if (!options.isWallTile() && options.wallSync.empty()) return std::unique_ptr<VideoWall>();
    std::unique_ptr<VideoWall> wall(new VideoWall());
    wall->m_layout = {.columns = options.wall.x,
                      .rows = options.wall.y,
                      .bezelX = options.bezel.x,
                      .bezelY = options.bezel.y};
    wall->m_tile = options.tile;
    wall->m_isTile = options.isWallTile();
    wall->m_leader = options.wallRole == "leader";
    wall->m_topic = twin::wallStateTopic(options.wallId);
    if (!options.wallSync.empty()) PT_TRY(wall->connect(options.wallSync));
    return wall;
}

Result<void> VideoWall::connect(const std::string& url) {
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });  // process lifetime
    const std::string hostPort = url.substr(std::strlen("mqtt://"));
    const size_t colon = hostPort.rfind(':');
    const std::string host = hostPort.substr(0, colon);
    const int port = std::atoi(hostPort.c_str() + colon + 1);
    if (host.empty() || port <= 0 || port > 65535)
        return makeError("--wall-sync: expected mqtt://HOST:PORT, got '", url, "'");
    const std::string clientId = std::string("parktwin-wall-") + (m_leader ? "leader-" : "tile-") +
                                 std::to_string(m_tile.x) + "-" + std::to_string(m_tile.y) + "-" +
                                 std::to_string(::getpid());
    m_mosq = mosquitto_new(clientId.c_str(), /*clean_session=*/true, this);
    if (!m_mosq) return makeError("--wall-sync: mosquitto_new failed");
    mosquitto_connect_callback_set(m_mosq, onWallConnect);
    mosquitto_message_callback_set(m_mosq, onWallMessage);
    m_thread = std::thread([this, host, port] { run(host, port); });
    std::printf("parktwin: video wall %s on %s (%s)\n", m_leader ? "leader" : "follower",
                url.c_str(), m_topic.c_str());
    std::fflush(stdout);
    return {};
}

VideoWall::~VideoWall() {
    if (!m_mosq) return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
    mosquitto_destroy(m_mosq);
}

// The network thread: connects, services the connection, and after a refusal or a lost
// connection tries again after 0.5 s, doubling up to 10 s. The wall keeps its last picture
// meanwhile; on reconnecting a follower gets the retained state at once.
void VideoWall::run(const std::string& host, int port) {
    int64_t delayMs = 500;
    bool connected = false;
    while (true) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop) break;
        }
        if (!connected) {
            const int rc = mosquitto_connect(m_mosq, host.c_str(), port, /*keepalive=*/10);
            if (rc == MOSQ_ERR_SUCCESS) {
                connected = true;
                delayMs = 500;
            } else {
                log::warnOnce(
                    "wall-sync-connect",
                    strCat("--wall-sync ", host, ":", port, ": ",
                           rc == MOSQ_ERR_ERRNO ? std::strerror(errno) : mosquitto_strerror(rc),
                           " (retrying)"));
            }
        }
        if (connected && mosquitto_loop(m_mosq, 100, 1) == MOSQ_ERR_SUCCESS) continue;
        connected = false;
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(delayMs), [this] { return m_stop; });
        delayMs = std::min<int64_t>(delayMs * 2, 10'000);
    }
    if (connected) mosquitto_disconnect(m_mosq);
}

float VideoWall::aspect(glm::uvec2 tileSize) const {
    const glm::uvec2 full = m_isTile ? twin::virtualSize(m_layout, tileSize) : tileSize;
    return float(full.x) / float(full.y);
}

render::Camera VideoWall::tileCamera(render::Camera camera, glm::uvec2 tileSize) const {
    if (!m_isTile) return camera;
    camera.subRect = twin::subRectOf(twin::tileRect(m_layout, m_tile, tileSize),
                                     twin::virtualSize(m_layout, tileSize));
    return camera;
}

void VideoWall::onConnect(int rc) {
    if (rc != 0) {
        log::warn("--wall-sync: broker refused the connection: ", mosquitto_connack_string(rc));
        return;
    }
    if (!m_leader) mosquitto_subscribe(m_mosq, nullptr, m_topic.c_str(), 0);
}

void VideoWall::onMessage(const void* payload, int length) {
    auto state = twin::decodeWallState(
        std::string_view(static_cast<const char*>(payload), size_t(std::max(length, 0))));
    if (!state) {
        log::warnOnce("wall-state", state.error().message);
        return;
    }
    std::lock_guard lock(m_mutex);
    m_latest = std::move(*state);
}

void VideoWall::pushFollowerCommands(CommandQueue& commands) {
    if (m_leader || !m_mosq) return;
    std::optional<twin::WallState> latest;
    {
        std::lock_guard lock(m_mutex);
        latest.swap(m_latest);
    }
    if (!latest) return;
    for (Command& c : wallCommands(m_applied ? &*m_applied : nullptr, *latest))
        commands.push(std::move(c));
    m_applied = std::move(latest);
}

void VideoWall::publishLeaderState(const render::Camera& camera, const nlohmann::json& appState,
                                   twin::LiveData* live, const TourPlayer& tour) {
    if (!m_leader || !m_mosq) return;
    twin::WallState s{.sequence = ++m_sequence,
                      .eye = camera.eye,
                      .target = camera.target,
                      .fovYDegrees = camera.fovYDegrees,
                      .selected = stringField(appState, "selected"),
                      .floorMode = stringField(appState, "floorMode"),
                      .layer = stringField(appState, "layer")};
    if (s.floorMode.empty()) s.floorMode = "none";
    if (live) {
        data::TimeCursor& cursor = live->cursor();
        s.timeMode = timeModeName(cursor.mode());
        s.timeMs = cursor.isLive() ? 0 : cursor.cursorMs();
        s.timeSpeed = cursor.speed();
    }
    s.tourPlaying = tour.playing();
    s.tour = tour.active() ? tour.tour().name : "";
    s.tourSeconds = tour.time();
    const std::string payload = twin::encodeWallState(s);
    mosquitto_publish(m_mosq, nullptr, m_topic.c_str(), int(payload.size()), payload.data(), 0,
                      /*retain=*/true);
}

}  // namespace pt::viewer
