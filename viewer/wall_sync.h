#pragma once
// One parktwin process's part of a video wall (docs/video-wall.md): its tile of the virtual
// display (the camera's off-axis sub-rectangle and the whole wall's aspect, for framing) and,
// with --wall-sync, the leader/follower link through an MQTT broker.
//
// The leader publishes its state every frame on parktwin/wall/v1/<id>/state (QoS 0, retained, so
// a follower that starts or reconnects late gets the latest at once). A follower keeps the newest
// state it received and, once per frame before the app applies its commands, turns it into
// Commands in the app's queue: the camera every frame (after the follower's own tour camera, so
// the leader's wins), selection, floor mode, layer, time cursor and tour play/stop when they
// change. Followers thus change state only through the same command path as the UI.
//
// Threads: the wall's network thread connects and receives; every other call is from the frame
// thread (publishing from there is safe while the network thread services the connection).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "render/camera.h"
#include "twin/video_wall.h"
#include "viewer/cli.h"
#include "viewer/command.h"
#include "viewer/wall_commands.h"

struct mosquitto;

namespace pt::twin {
class LiveData;
}

namespace pt::viewer {

class TourPlayer;

class VideoWall {
public:
    // Null (and no error) when the options ask for no wall; an error names the option.
    static Result<std::unique_ptr<VideoWall>> start(const Options& options);
    ~VideoWall();
    VideoWall(const VideoWall&) = delete;
    VideoWall& operator=(const VideoWall&) = delete;

    // The whole wall's aspect for tiles of `tileSize` pixels (framing, fly-to, plan views).
    float aspect(glm::uvec2 tileSize) const;
    // `camera` narrowed to this tile's part of the virtual display (tiles of `tileSize` pixels;
    // the bezels are in those pixels).
    render::Camera tileCamera(render::Camera camera, glm::uvec2 tileSize) const;

    // Follower: pushes the commands for the newest leader state (nothing new: nothing).
    void pushFollowerCommands(CommandQueue& commands);
    // Leader: publishes this frame's state. `appState` is the app's /state snapshot (selected,
    // floorMode, layer, as in docs/remote-api.md); `live` may be null.
    void publishLeaderState(const render::Camera& camera, const nlohmann::json& appState,
                            twin::LiveData* live, const TourPlayer& tour);

    bool leader() const { return m_leader; }
    // libmosquitto callbacks (network thread); not for other callers.
    void onConnect(int rc);
    void onMessage(const void* payload, int length);

private:
    VideoWall() = default;
    Result<void> connect(const std::string& url);
    void run(const std::string& host, int port);  // the network thread

    twin::WallLayout m_layout;
    glm::uvec2 m_tile{0};
    bool m_isTile = false;
    bool m_leader = false;
    std::string m_topic;
    ::mosquitto* m_mosq = nullptr;
    uint64_t m_sequence = 0;  // leader: frames published
    std::thread m_thread;     // runs run(); joined by the destructor
    std::mutex m_mutex;       // guards m_latest and m_stop
    std::condition_variable m_wake;
    bool m_stop = false;
    std::optional<twin::WallState> m_latest;   // newest received, not yet applied
    std::optional<twin::WallState> m_applied;  // frame thread: the last state turned to commands
};

// The clock for the renderer's animations (the alert pulse) on a wall: the system clock, so
// tiles on machines kept in time by NTP pulse in step. Wraps every hour, a whole number of pulse
// periods (1.25 s), so the wrap does not show; an hour keeps float precision under a millisecond.
inline float wallAnimationSeconds() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return float(std::chrono::duration_cast<std::chrono::milliseconds>(now).count() % 3'600'000) /
           1000.0f;
}

// Hooks for the app, null-safe so each is one line there.
inline float wallAspect(const VideoWall* wall, int width, int height) {
    const glm::uvec2 size(std::max(width, 1), std::max(height, 1));
    return wall ? wall->aspect(size) : float(size.x) / float(size.y);
}
inline render::Camera wallCamera(const VideoWall* wall, const render::Camera& camera, int width,
                                 int height) {
    return wall ? wall->tileCamera(camera, glm::uvec2(std::max(width, 1), std::max(height, 1)))
                : camera;
}

}  // namespace pt::viewer
