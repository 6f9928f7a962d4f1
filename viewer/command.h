#pragma once
// Commands are the only way application state changes: UI clicks, keys, the remote-control API,
// tour steps and video-wall sync all produce these values, and the app applies them at one
// point in the frame. Plain data with a JSON form (the remote API and recorded sessions use it).
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include "core/result.h"

namespace pt::viewer {

struct SelectCommand {
    std::string entity;  // entity id; empty clears the selection
};
struct FlyToCommand {
    std::string entity;  // frames this entity with an animated flight
};
struct FloorModeCommand {
    std::string mode;  // none|isolate|ghost|cutaway|explode|section
};
struct LayerCommand {
    std::string layer;  // a rule layer: occupancy, power, energy, chargers, drones...
};
struct LanguageCommand {
    std::string language;  // zh|en
};
struct TourCommand {
    std::string action;  // play|stop
    std::string tour;    // tour name or file, for play
};
struct BookmarkCommand {
    std::string action;  // go|save
    std::string name;
};
struct TimeCommand {
    std::string action;  // live|pause|scrub|play
    int64_t timeMs = 0;  // scrub: the time to show (ms since epoch)
    double speed = 1.0;  // play: x real time
};
struct CameraCommand {  // sets the camera directly (video-wall followers, tours)
    glm::vec3 eye{0.0f};
    glm::vec3 target{0.0f};
    float fovYDegrees = 45.0f;
};
struct TimeOfDayCommand {
    std::string time;  // HH:MM, or empty for the default daylight
};
struct PresentationCommand {  // presentation mode on a wall (docs/kiosk.md)
    bool on = true;
};
struct AlertCommand {
    std::string action;  // ack|ackAll
    uint64_t id = 0;     // ack: the alert's id
};

using Command = std::variant<SelectCommand, FlyToCommand, FloorModeCommand, LayerCommand,
                             LanguageCommand, TourCommand, BookmarkCommand, TimeCommand,
                             CameraCommand, TimeOfDayCommand, AlertCommand, PresentationCommand>;

// {"type": "select", "entity": "gm/A3"} and so on; errors name the field and what is wrong.
Result<Command> commandFromJson(const nlohmann::json& json);
nlohmann::json commandToJson(const Command& command);
std::string_view commandType(const Command& command);

// A thread-safe queue: producers (API server thread, wall sync thread) push, the frame drains.
class CommandQueue {
public:
    void push(Command command);
    std::vector<Command> drain();

private:
    std::mutex m_mutex;
    std::deque<Command> m_commands;
};

}  // namespace pt::viewer
