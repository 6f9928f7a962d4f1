#include "viewer/command.h"

#include <algorithm>

namespace pt::viewer {
namespace {

using nlohmann::json;

Result<std::string> stringField(const json& j, const char* key, bool required = true) {
    if (!j.contains(key)) {
        if (!required) return std::string();
        return makeError("command: missing \"", key, "\"");
    }
    if (!j.at(key).is_string()) return makeError("command: \"", key, "\" must be a string");
    return j.at(key).get<std::string>();
}

Result<std::string> oneOf(const json& j, const char* key,
                          std::initializer_list<const char*> allowed) {
    auto v = stringField(j, key);
    if (!v) return v;
    for (const char* a : allowed)
        if (*v == a) return v;
    std::string list;
    for (const char* a : allowed)
        list += std::string(list.empty() ? "" : ", ") + a;
    return makeError("command: \"", key, "\" must be one of ", list, ", got \"", *v, "\"");
}

Result<glm::vec3> vec3Field(const json& j, const char* key) {
    if (!j.contains(key) || !j.at(key).is_array() || j.at(key).size() != 3)
        return makeError("command: \"", key, "\" must be an array of 3 numbers");
    glm::vec3 v(0.0f);
    for (int i = 0; i < 3; ++i) {
        if (!j.at(key)[i].is_number())
            return makeError("command: \"", key, "\" must be an array of 3 numbers");
        v[i] = j.at(key)[i].get<float>();
        if (!std::isfinite(v[i])) return makeError("command: \"", key, "\" must be finite");
    }
    return v;
}

template <class T>
Result<Command> wrap(Result<T> r) {
    if (!r) return r.error();
    return Command(std::move(*r));
}

}  // namespace

Result<Command> commandFromJson(const json& j) {
    if (!j.is_object()) return makeError("command: expected a JSON object");
    auto type = stringField(j, "type");
    if (!type) return type.error();
    const std::string& t = *type;
    if (t == "select") {
        auto e = stringField(j, "entity", false);
        if (!e) return e.error();
        return Command(SelectCommand{*e});
    }
    if (t == "flyTo") {
        auto e = stringField(j, "entity");
        if (!e) return e.error();
        return Command(FlyToCommand{*e});
    }
    if (t == "floorMode") {
        auto m = oneOf(j, "mode", {"none", "isolate", "ghost", "cutaway", "explode", "section"});
        if (!m) return m.error();
        return Command(FloorModeCommand{*m});
    }
    if (t == "layer") {
        auto l = stringField(j, "layer");
        if (!l) return l.error();
        return Command(LayerCommand{*l});
    }
    if (t == "language") {
        auto l = oneOf(j, "language", {"zh", "en"});
        if (!l) return l.error();
        return Command(LanguageCommand{*l});
    }
    if (t == "tour") {
        auto a = oneOf(j, "action", {"play", "stop"});
        if (!a) return a.error();
        auto name = stringField(j, "tour", *a == "play");
        if (!name) return name.error();
        return Command(TourCommand{*a, *name});
    }
    if (t == "bookmark") {
        auto a = oneOf(j, "action", {"go", "save"});
        if (!a) return a.error();
        auto name = stringField(j, "name");
        if (!name) return name.error();
        return Command(BookmarkCommand{*a, *name});
    }
    if (t == "time") {
        auto a = oneOf(j, "action", {"live", "pause", "scrub", "play"});
        if (!a) return a.error();
        TimeCommand c{*a};
        if (*a == "scrub") {
            if (!j.contains("timeMs") || !j.at("timeMs").is_number_integer())
                return makeError("command: \"timeMs\" must be an integer (ms since epoch)");
            c.timeMs = j.at("timeMs").get<int64_t>();
        }
        if (*a == "play") {
            if (j.contains("speed")) {
                if (!j.at("speed").is_number())
                    return makeError("command: \"speed\" must be a number");
                c.speed = j.at("speed").get<double>();
                if (!(c.speed > 0.0 && c.speed <= 100000.0))
                    return makeError("command: \"speed\" must be between 0 and 100000");
            }
        }
        return Command(c);
    }
    if (t == "camera") {
        auto eye = vec3Field(j, "eye");
        if (!eye) return eye.error();
        auto target = vec3Field(j, "target");
        if (!target) return target.error();
        CameraCommand c{*eye, *target};
        if (j.contains("fov")) {
            if (!j.at("fov").is_number()) return makeError("command: \"fov\" must be a number");
            c.fovYDegrees = std::clamp(j.at("fov").get<float>(), 5.0f, 120.0f);
        }
        return Command(c);
    }
    if (t == "timeOfDay") {
        auto time = stringField(j, "time", false);
        if (!time) return time.error();
        return Command(TimeOfDayCommand{*time});
    }
    if (t == "alert") {
        auto a = oneOf(j, "action", {"ack", "ackAll"});
        if (!a) return a.error();
        AlertCommand c{*a};
        if (*a == "ack") {
            if (!j.contains("id") || !j.at("id").is_number_unsigned())
                return makeError("command: \"id\" must be an alert id (a whole number)");
            c.id = j.at("id").get<uint64_t>();
        }
        return Command(c);
    }
    if (t == "presentation") {
        if (!j.contains("on") || !j.at("on").is_boolean())
            return makeError("command: \"on\" must be true or false");
        return Command(PresentationCommand{j.at("on").get<bool>()});
    }
    return makeError("command: unknown type \"", t,
                     "\" (select, flyTo, floorMode, layer, language, tour, bookmark, time, camera, "
                     "timeOfDay, alert, presentation)");
}

std::string_view commandType(const Command& command) {
    static constexpr std::string_view kTypes[] = {
        "select",   "flyTo", "floorMode", "layer",     "language", "tour",
        "bookmark", "time",  "camera",    "timeOfDay", "alert",    "presentation"};
    return kTypes[command.index()];
}

json commandToJson(const Command& command) {
    json j = {{"type", commandType(command)}};
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, SelectCommand> || std::is_same_v<T, FlyToCommand>)
                j["entity"] = c.entity;
            if constexpr (std::is_same_v<T, FloorModeCommand>) j["mode"] = c.mode;
            if constexpr (std::is_same_v<T, LayerCommand>) j["layer"] = c.layer;
            if constexpr (std::is_same_v<T, LanguageCommand>) j["language"] = c.language;
            if constexpr (std::is_same_v<T, TourCommand>)
                j["action"] = c.action, j["tour"] = c.tour;
            if constexpr (std::is_same_v<T, BookmarkCommand>)
                j["action"] = c.action, j["name"] = c.name;
            if constexpr (std::is_same_v<T, TimeCommand>) {
                j["action"] = c.action;
                if (c.action == "scrub") j["timeMs"] = c.timeMs;
                if (c.action == "play") j["speed"] = c.speed;
            }
            if constexpr (std::is_same_v<T, CameraCommand>) {
                j["eye"] = {c.eye.x, c.eye.y, c.eye.z};
                j["target"] = {c.target.x, c.target.y, c.target.z};
                j["fov"] = c.fovYDegrees;
            }
            if constexpr (std::is_same_v<T, TimeOfDayCommand>) j["time"] = c.time;
            if constexpr (std::is_same_v<T, PresentationCommand>) j["on"] = c.on;
            if constexpr (std::is_same_v<T, AlertCommand>) {
                j["action"] = c.action;
                if (c.action == "ack") j["id"] = c.id;
            }
        },
        command);
    return j;
}

void CommandQueue::push(Command command) {
    std::lock_guard lock(m_mutex);
    m_commands.push_back(std::move(command));
}

std::vector<Command> CommandQueue::drain() {
    std::lock_guard lock(m_mutex);
    std::vector<Command> out(std::make_move_iterator(m_commands.begin()),
                             std::make_move_iterator(m_commands.end()));
    m_commands.clear();
    return out;
}

}  // namespace pt::viewer
