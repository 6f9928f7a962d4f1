#include "viewer/wall_sync.h"

#include <mosquitto.h>
#include <unistd.h>

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
    // Reconnects on its own (1 s doubling to 10 s); the wall keeps its last picture meanwhile.
    mosquitto_reconnect_delay_set(m_mosq, 1, 10, true);
    int rc = mosquitto_connect_async(m_mosq, host.c_str(), port, 10);
    if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_ERRNO)
        return makeError("--wall-sync ", url, ": ", mosquitto_strerror(rc));
    if (rc == MOSQ_ERR_ERRNO)  // refused now: the loop retries, as after a broker restart
        log::warn("--wall-sync ", url, ": ", std::strerror(errno), " (retrying)");
    rc = mosquitto_loop_start(m_mosq);
    if (rc != MOSQ_ERR_SUCCESS)
        return makeError("--wall-sync: cannot start the network thread: ", mosquitto_strerror(rc));
    std::printf("parktwin: video wall %s on %s (%s)\n", m_leader ? "leader" : "follower",
                url.c_str(), m_topic.c_str());
    std::fflush(stdout);
    return {};
}

VideoWall::~VideoWall() {
    if (!m_mosq) return;
    mosquitto_disconnect(m_mosq);
    mosquitto_loop_stop(m_mosq, /*force=*/false);
    mosquitto_destroy(m_mosq);
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
