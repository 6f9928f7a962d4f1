#include "twin/video_wall.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace pt::twin {
namespace {

// Where the n-th of `parts` equal shares of `length` starts (shares differ by at most one).
uint32_t shareStart(uint32_t length, uint32_t parts, uint32_t n) {
    return uint32_t(uint64_t(length) * n / parts);
}

}  // namespace

glm::uvec2 virtualSize(const WallLayout& layout, glm::uvec2 tileSize) {
    return {layout.columns * tileSize.x + (layout.columns - 1) * layout.bezelX,
            layout.rows * tileSize.y + (layout.rows - 1) * layout.bezelY};
}

PixelRect tileRect(const WallLayout& layout, glm::uvec2 tile, glm::uvec2 tileSize) {
    return {.x = tile.x * (tileSize.x + layout.bezelX),
            .y = tile.y * (tileSize.y + layout.bezelY),
            .width = tileSize.x,
            .height = tileSize.y};
}

glm::vec4 subRectOf(const PixelRect& rect, glm::uvec2 size) {
    // Divided in double so a tile edge shared by two tiles gets the same float in both.
    const double w = size.x, h = size.y;
    return {float(rect.x / w), float(rect.y / h), float((rect.x + rect.width) / w),
            float((rect.y + rect.height) / h)};
}

std::vector<PixelRect> splitImage(glm::uvec2 size, uint32_t columns, uint32_t rows) {
    std::vector<PixelRect> tiles;
    if (columns == 0 || rows == 0) return tiles;
    for (uint32_t r = 0; r < rows; ++r) {
        const uint32_t y0 = shareStart(size.y, rows, r), y1 = shareStart(size.y, rows, r + 1);
        for (uint32_t c = 0; c < columns; ++c) {
            const uint32_t x0 = shareStart(size.x, columns, c);
            const uint32_t x1 = shareStart(size.x, columns, c + 1);
            tiles.push_back({.x = x0, .y = y0, .width = x1 - x0, .height = y1 - y0});
        }
    }
    return tiles;
}

glm::uvec2 tilesNeeded(glm::uvec2 size, uint32_t maxSide) {
    maxSide = std::max(maxSide, 1u);
    return {std::max(1u, (size.x + maxSide - 1) / maxSide),
            std::max(1u, (size.y + maxSide - 1) / maxSide)};
}

std::string wallStateTopic(std::string_view wallId) {
    return "parktwin/wall/v1/" + std::string(wallId) + "/state";
}

std::string encodeWallState(const WallState& s) {
    const nlohmann::json j = {
        {"seq", s.sequence},
        {"eye", {s.eye.x, s.eye.y, s.eye.z}},
        {"target", {s.target.x, s.target.y, s.target.z}},
        {"fov", s.fovYDegrees},
        {"selected", s.selected},
        {"floorMode", s.floorMode},
        {"layer", s.layer},
        {"time", {{"mode", s.timeMode}, {"ms", s.timeMs}, {"speed", s.timeSpeed}}},
        {"tour", {{"file", s.tour}, {"playing", s.tourPlaying}, {"seconds", s.tourSeconds}}}};
    return j.dump();
}

namespace {

Result<glm::vec3> readVec3(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array() || it->size() != 3 ||
        !std::all_of(it->begin(), it->end(), [](const auto& v) { return v.is_number(); }))
        return makeError("wall state: \"", key, "\" must be an array of 3 numbers");
    const glm::vec3 v{(*it)[0].get<float>(), (*it)[1].get<float>(), (*it)[2].get<float>()};
    if (!std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z))
        return makeError("wall state: \"", key, "\" must be finite");
    return v;
}

Result<std::string> readString(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        return makeError("wall state: \"", key, "\" must be a string");
    return it->get<std::string>();
}

Result<const nlohmann::json*> readObject(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_object())
        return makeError("wall state: \"", key, "\" must be an object");
    return &*it;
}

template <class T>
Result<T> readNumber(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number())
        return makeError("wall state: \"", key, "\" must be a number");
    return it->get<T>();
}

}  // namespace

Result<WallState> decodeWallState(std::string_view text) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return makeError("wall state: not a JSON object");
    WallState s;
    auto seq = readNumber<uint64_t>(j, "seq");
    if (!seq) return seq.error();
    s.sequence = *seq;
    auto eye = readVec3(j, "eye");
    if (!eye) return eye.error();
    auto target = readVec3(j, "target");
    if (!target) return target.error();
    s.eye = *eye;
    s.target = *target;
    auto fov = readNumber<float>(j, "fov");
    if (!fov) return fov.error();
    if (!(*fov >= 1.0f && *fov <= 170.0f))
        return makeError("wall state: \"fov\" must be between 1 and 170 degrees");
    s.fovYDegrees = *fov;
    for (auto [key, field] :
         {std::pair{"selected", &WallState::selected},
          std::pair{"floorMode", &WallState::floorMode}, std::pair{"layer", &WallState::layer}}) {
        auto v = readString(j, key);
        if (!v) return v.error();
        s.*field = std::move(*v);
    }
    auto time = readObject(j, "time");
    if (!time) return time.error();
    auto mode = readString(**time, "mode");
    if (!mode) return makeError("wall state: time: ", mode.error().message);
    if (*mode != "live" && *mode != "paused" && *mode != "playing")
        return makeError("wall state: time: \"mode\" must be live, paused or playing");
    s.timeMode = *mode;
    auto ms = readNumber<int64_t>(**time, "ms");
    auto speed = readNumber<double>(**time, "speed");
    if (!ms || !speed) return makeError("wall state: time: \"ms\" and \"speed\" must be numbers");
    s.timeMs = *ms;
    s.timeSpeed = *speed;
    auto tour = readObject(j, "tour");
    if (!tour) return tour.error();
    auto file = readString(**tour, "file");
    auto seconds = readNumber<float>(**tour, "seconds");
    const auto playing = (*tour)->find("playing");
    if (!file || !seconds || playing == (*tour)->end() || !playing->is_boolean())
        return makeError(
            "wall state: tour: needs \"file\" (string), \"playing\" (bool), \"seconds\" (number)");
    s.tour = *file;
    s.tourPlaying = playing->get<bool>();
    s.tourSeconds = *seconds;
    return s;
}

}  // namespace pt::twin
