#include "viewer/tour.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace pt::viewer {
namespace {

using nlohmann::json;

constexpr int kArcSamples = 64;       // per segment; error well under a centimetre on park scales
constexpr float kSamePoint = 1e-4f;   // metres: closer points are one point to the spline
constexpr float kDefaultFov = 45.0f;  // matches CameraCommand's default

// ---------------------------------------------------------------------------------------------
// Spline math

// Centripetal Catmull-Rom (alpha = 0.5) between p[1] and p[2], u in 0..1, in the Barry-Goldman
// pyramid form. The knot spacing sqrt(distance) is what rules out cusps and self-intersections
// within a segment. Callers guarantee p[0] != p[1] and p[2] != p[3] (phantom neighbours).
glm::vec3 catmullRom(const glm::vec3 p[4], float u) {
    auto knot = [](const glm::vec3& a, const glm::vec3& b) {
        return std::max(std::sqrt(glm::length(b - a)), 1e-3f);
    };
    const float t0 = 0.0f;
    const float t1 = t0 + knot(p[0], p[1]);
    const float t2 = t1 + knot(p[1], p[2]);
    const float t3 = t2 + knot(p[2], p[3]);
    const float t = t1 + u * (t2 - t1);
    const glm::vec3 a1 = ((t1 - t) * p[0] + (t - t0) * p[1]) / (t1 - t0);
    const glm::vec3 a2 = ((t2 - t) * p[1] + (t - t1) * p[2]) / (t2 - t1);
    const glm::vec3 a3 = ((t3 - t) * p[2] + (t - t2) * p[3]) / (t3 - t2);
    const glm::vec3 b1 = ((t2 - t) * a1 + (t - t0) * a2) / (t2 - t0);
    const glm::vec3 b2 = ((t3 - t) * a2 + (t - t1) * a3) / (t3 - t1);
    return ((t2 - t) * b1 + (t - t1) * b2) / (t2 - t1);
}

bool samePoint(const glm::vec3& a, const glm::vec3& b) {
    return glm::length(a - b) < kSamePoint;
}

// The four control points of the segment from `from` to `to`. A missing neighbour (the ends of a
// non-loop tour) or one on top of its endpoint is replaced by the reflection of the far end, so
// the curve leaves/enters along the chord there.
void controlPoints(glm::vec3 out[4], const glm::vec3* before, const glm::vec3& from,
                   const glm::vec3& to, const glm::vec3* after) {
    out[1] = from;
    out[2] = to;
    out[0] = (before && !samePoint(*before, from)) ? *before : from + (from - to);
    out[3] = (after && !samePoint(*after, to)) ? *after : to + (to - from);
}

glm::vec3 segmentPoint(const glm::vec3 p[4], float u) {
    if (samePoint(p[1], p[2])) return p[1];
    if (u <= 0.0f) return p[1];
    if (u >= 1.0f) return p[2];
    return catmullRom(p, u);
}

std::vector<float> arcTable(const glm::vec3 p[4]) {
    std::vector<float> cumulative(kArcSamples + 1, 0.0f);
    glm::vec3 previous = segmentPoint(p, 0.0f);
    for (int k = 1; k <= kArcSamples; ++k) {
        const glm::vec3 point = segmentPoint(p, float(k) / kArcSamples);
        cumulative[k] = cumulative[k - 1] + glm::length(point - previous);
        previous = point;
    }
    return cumulative;
}

// The curve parameter at which `fraction` (0..1) of the segment's length lies behind.
float parameterAtFraction(const std::vector<float>& cumulative, float fraction) {
    const float total = cumulative.back();
    if (fraction <= 0.0f || total <= 0.0f) return std::clamp(fraction, 0.0f, 1.0f);
    if (fraction >= 1.0f) return 1.0f;
    const float length = fraction * total;
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), length);
    const int k = int(it - cumulative.begin()) - 1;  // cumulative[k] <= length < cumulative[k+1]
    const float span = cumulative[k + 1] - cumulative[k];
    const float within = span > 0.0f ? (length - cumulative[k]) / span : 0.0f;
    return (float(k) + within) / kArcSamples;
}

// Smootherstep: zero speed and acceleration at both ends (the same curve as twin::easeInOut,
// which pt_viewer cannot link).
float ease(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return t * t * t * (t * (t * 6.0f - 15.0f) + 10.0f);
}

float sanitizeSeconds(float seconds) {
    return std::isfinite(seconds) ? std::clamp(seconds, 0.0f, kTourMaxSeconds) : 0.0f;
}

// ---------------------------------------------------------------------------------------------
// JSON

// Shortest decimal that reads back as the same float (0.1f is written 0.1, not
// 0.10000000149011612).
json cleanFloat(float value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::strtod(std::string(buffer, result.ptr).c_str(), nullptr);
}

json vec3Json(const glm::vec3& v) {
    return json::array({cleanFloat(v.x), cleanFloat(v.y), cleanFloat(v.z)});
}

// Error prefixes: "file: " and "file: keyframe 3: ".
struct Where {
    std::string prefix;
    template <class... Args>
    Error error(Args&&... args) const {
        return makeError(prefix, std::forward<Args>(args)...);
    }
};

Result<std::string> optionalString(const json& j, const char* key, const Where& where) {
    if (!j.contains(key)) return std::string();
    if (!j.at(key).is_string()) return where.error("\"", key, "\" must be a string");
    return j.at(key).get<std::string>();
}

Result<glm::vec3> requiredVec3(const json& j, const char* key, const Where& where) {
    if (!j.contains(key)) return where.error("missing \"", key, "\"");
    const json& v = j.at(key);
    if (!v.is_array() || v.size() != 3 ||
        !std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_number(); }))
        return where.error("\"", key, "\" must be an array of 3 numbers");
    glm::vec3 out{0.0f};
    for (int i = 0; i < 3; ++i) {
        out[i] = v[i].get<float>();
        if (!std::isfinite(out[i])) return where.error("\"", key, "\" must be finite");
    }
    return out;
}

Result<float> optionalNumber(const json& j, const char* key, float fallback, float min, float max,
                             const Where& where) {
    if (!j.contains(key)) return fallback;
    if (!j.at(key).is_number()) return where.error("\"", key, "\" must be a number");
    const float value = j.at(key).get<float>();
    if (!(value >= min && value <= max))
        return where.error("\"", key, "\" must be between ", min, " and ", max, ", got ", value);
    return value;
}

Result<void> onlyKnownFields(const json& j, std::initializer_list<const char*> known,
                             const Where& where) {
    for (const auto& [key, value] : j.items()) {
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
            std::string list;
            for (const char* k : known)
                list += std::string(list.empty() ? "" : ", ") + k;
            return where.error("unknown field \"", key, "\" (expected ", list, ")");
        }
    }
    return {};
}

Result<TourKeyframe> parseKeyframe(const json& j, const Where& where) {
    if (!j.is_object()) return where.error("expected a JSON object");
    PT_TRY(onlyKnownFields(j,
                           {"eye", "target", "fov", "dwellSeconds", "travelSeconds", "caption",
                            "captionZh", "actions"},
                           where));
    TourKeyframe k;
    auto eye = requiredVec3(j, "eye", where);
    if (!eye) return eye.error();
    auto target = requiredVec3(j, "target", where);
    if (!target) return target.error();
    if (samePoint(*eye, *target)) return where.error("\"eye\" and \"target\" must differ");
    auto fov = optionalNumber(j, "fov", kDefaultFov, kTourMinFov, kTourMaxFov, where);
    if (!fov) return fov.error();
    auto dwell = optionalNumber(j, "dwellSeconds", k.dwellSeconds, 0.0f, kTourMaxSeconds, where);
    if (!dwell) return dwell.error();
    auto travel = optionalNumber(j, "travelSeconds", k.travelSeconds, 0.0f, kTourMaxSeconds, where);
    if (!travel) return travel.error();
    auto caption = optionalString(j, "caption", where);
    if (!caption) return caption.error();
    auto captionZh = optionalString(j, "captionZh", where);
    if (!captionZh) return captionZh.error();
    k.camera = TourCamera{*eye, *target, *fov};
    k.dwellSeconds = *dwell;
    k.travelSeconds = *travel;
    k.caption = std::move(*caption);
    k.captionZh = std::move(*captionZh);
    if (j.contains("actions")) {
        const json& actions = j.at("actions");
        if (!actions.is_array()) return where.error("\"actions\" must be an array of commands");
        for (std::size_t a = 0; a < actions.size(); ++a) {
            auto command = commandFromJson(actions[a]);
            if (!command) return where.error("action ", a, ": ", command.error().message);
            k.actions.push_back(std::move(*command));
        }
    }
    return k;
}

}  // namespace

// -------------------------------------------------------------------------------------------------
// Files

Result<Tour> parseTour(std::string_view jsonText, std::string_view displayName) {
    const Where file{strCat(displayName, ": ")};
    json j;
    try {
        j = json::parse(jsonText);
    } catch (const json::parse_error& e) {
        return file.error("not valid JSON: ", e.what());
    }
    if (!j.is_object()) return file.error("expected a JSON object");
    PT_TRY(onlyKnownFields(j, {"format", "version", "name", "title", "loop", "keyframes"}, file));
    if (j.contains("format") && j.at("format") != "parktwin-tour")
        return file.error("\"format\" must be \"parktwin-tour\"");
    if (j.contains("version") && j.at("version") != 1)
        return file.error("unsupported \"version\" ", j.at("version").dump(), " (expected 1)");
    Tour tour;
    if (!j.contains("name")) return file.error("missing \"name\"");
    if (!j.at("name").is_string() || j.at("name").get<std::string>().empty())
        return file.error("\"name\" must be a non-empty string");
    tour.name = j.at("name").get<std::string>();
    auto title = optionalString(j, "title", file);
    if (!title) return title.error();
    tour.title = std::move(*title);
    if (j.contains("loop")) {
        if (!j.at("loop").is_boolean()) return file.error("\"loop\" must be true or false");
        tour.loop = j.at("loop").get<bool>();
    }
    if (!j.contains("keyframes")) return file.error("missing \"keyframes\"");
    const json& keyframes = j.at("keyframes");
    if (!keyframes.is_array() || keyframes.empty())
        return file.error("\"keyframes\" must be a non-empty array");
    for (std::size_t i = 0; i < keyframes.size(); ++i) {
        auto keyframe =
            parseKeyframe(keyframes[i], Where{strCat(file.prefix, "keyframe ", i, ": ")});
        if (!keyframe) return keyframe.error();
        tour.keyframes.push_back(std::move(*keyframe));
    }
    if (tour.loop) {
        double lap = 0.0;
        for (const TourKeyframe& k : tour.keyframes)
            lap += double(k.dwellSeconds) + double(k.travelSeconds);
        if (lap <= 0.0) return file.error("a looping tour must last longer than 0 seconds");
    }
    return tour;
}

Result<Tour> loadTour(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(path.string(), ": cannot open the tour file");
    std::ostringstream text;
    text << in.rdbuf();
    return parseTour(text.str(), path.string());
}

json tourToJson(const Tour& tour) {
    json keyframes = json::array();
    for (const TourKeyframe& k : tour.keyframes) {
        json actions = json::array();
        for (const Command& c : k.actions)
            actions.push_back(commandToJson(c));
        keyframes.push_back({{"eye", vec3Json(k.camera.eye)},
                             {"target", vec3Json(k.camera.target)},
                             {"fov", cleanFloat(k.camera.fovYDegrees)},
                             {"dwellSeconds", cleanFloat(k.dwellSeconds)},
                             {"travelSeconds", cleanFloat(k.travelSeconds)},
                             {"caption", k.caption},
                             {"captionZh", k.captionZh},
                             {"actions", std::move(actions)}});
    }
    return {{"format", "parktwin-tour"}, {"version", 1},      {"name", tour.name},
            {"title", tour.title},       {"loop", tour.loop}, {"keyframes", std::move(keyframes)}};
}

Result<void> saveTour(const Tour& tour, const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return makeError(path.string(), ": cannot write the tour file");
    out << tourToJson(tour).dump(2) << '\n';
    out.close();
    if (!out) return makeError(path.string(), ": writing the tour file failed");
    return {};
}

// -------------------------------------------------------------------------------------------------
// Player

void TourPlayer::start(Tour tour) {
    m_tour = std::move(tour);
    for (TourKeyframe& k : m_tour.keyframes) {
        k.dwellSeconds = sanitizeSeconds(k.dwellSeconds);
        k.travelSeconds = sanitizeSeconds(k.travelSeconds);
        k.camera.fovYDegrees = std::isfinite(k.camera.fovYDegrees)
                                   ? std::clamp(k.camera.fovYDegrees, kTourMinFov, kTourMaxFov)
                                   : kDefaultFov;
    }
    const std::size_t n = m_tour.keyframes.size();
    m_arrival.assign(n, 0.0);
    for (std::size_t i = 1; i < n; ++i)
        m_arrival[i] = m_arrival[i - 1] + m_tour.keyframes[i - 1].dwellSeconds +
                       m_tour.keyframes[i].travelSeconds;
    m_duration = n == 0 ? 0.0 : m_arrival[n - 1] + m_tour.keyframes[n - 1].dwellSeconds;
    if (m_tour.loop) m_duration += n == 0 ? 0.0 : m_tour.keyframes[0].travelSeconds;
    if (m_duration <= 0.0) m_tour.loop = false;  // a zero-length lap would never advance
    buildSegments();
    m_active = n > 0;
    m_time = 0.0;
    m_nextEvent = 0;
}

void TourPlayer::buildSegments() {
    const auto& kf = m_tour.keyframes;
    const std::size_t n = kf.size();
    m_segments.assign(n, Segment{});
    for (std::size_t j = 0; j < n; ++j) {
        if (j == 0 && !m_tour.loop) continue;  // nothing flies into the first keyframe
        const std::size_t i = (j + n - 1) % n;
        const bool hasBefore = m_tour.loop || i >= 1;
        const bool hasAfter = m_tour.loop || j + 1 < n;
        const std::size_t before = (i + n - 1) % n;
        const std::size_t after = (j + 1) % n;
        Segment& s = m_segments[j];
        controlPoints(s.eye, hasBefore ? &kf[before].camera.eye : nullptr, kf[i].camera.eye,
                      kf[j].camera.eye, hasAfter ? &kf[after].camera.eye : nullptr);
        controlPoints(s.target, hasBefore ? &kf[before].camera.target : nullptr,
                      kf[i].camera.target, kf[j].camera.target,
                      hasAfter ? &kf[after].camera.target : nullptr);
        s.eyeArc.cumulative = arcTable(s.eye);
        s.targetArc.cumulative = arcTable(s.target);
    }
}

void TourPlayer::stop() {
    m_active = false;
    m_tour = Tour{};
    m_arrival.clear();
    m_segments.clear();
    m_duration = m_time = 0.0;
    m_nextEvent = 0;
}

float TourPlayer::arrivalTime(std::size_t keyframe) const {
    return keyframe < m_arrival.size() ? float(m_arrival[keyframe]) : 0.0f;
}

double TourPlayer::wrapOrClamp(double seconds) const {
    if (!std::isfinite(seconds) || seconds <= 0.0) return 0.0;
    if (m_tour.loop) {
        const double wrapped = std::fmod(seconds, m_duration);
        return wrapped < m_duration ? wrapped : 0.0;
    }
    return std::min(seconds, m_duration);
}

// Arrival event `event` counts keyframes from this lap's keyframe 0 (n is the next lap's).
double TourPlayer::eventTime(long event) const {
    const long n = long(m_arrival.size());
    return double(event / n) * m_duration + m_arrival[std::size_t(event % n)];
}

void TourPlayer::seek(float seconds) {
    if (!m_active) return;
    m_time = wrapOrClamp(seconds);
    const auto first = std::lower_bound(m_arrival.begin(), m_arrival.end(), m_time);
    m_nextEvent = long(first - m_arrival.begin());
}

TourFrame TourPlayer::update(float dt) {
    if (!m_active) return TourFrame{};
    const double step = std::isfinite(dt) && dt > 0.0f ? double(dt) : 0.0;
    const long n = long(m_tour.keyframes.size());
    std::vector<Command> fired;
    double end = m_time + step;
    if (m_tour.loop && step > m_duration) {
        // Skip whole laps silently: fire exactly the arrivals of the last lap before `end`.
        const double lapStart = std::fmod(end - m_duration, m_duration);
        m_nextEvent = long(std::upper_bound(m_arrival.begin(), m_arrival.end(), lapStart) -
                           m_arrival.begin());
        end = lapStart + m_duration;
    }
    if (!m_tour.loop) end = std::min(end, m_duration);
    while ((m_tour.loop || m_nextEvent < n) && eventTime(m_nextEvent) <= end) {
        const auto& actions = m_tour.keyframes[std::size_t(m_nextEvent % n)].actions;
        fired.insert(fired.end(), actions.begin(), actions.end());
        ++m_nextEvent;
    }
    m_time = end;
    if (m_tour.loop) {
        while (m_time >= m_duration) {
            m_time -= m_duration;
            m_nextEvent -= n;
        }
    }
    TourFrame frame = frameAt(m_time);
    frame.firedActions = std::move(fired);
    frame.finished = !m_tour.loop && m_time >= m_duration;
    return frame;
}

TourCamera TourPlayer::cameraAt(float seconds) const {
    if (m_tour.keyframes.empty()) return TourCamera{};
    return frameAt(wrapOrClamp(seconds)).camera;
}

TourFrame TourPlayer::frameAt(double t) const {
    const auto& kf = m_tour.keyframes;
    const std::size_t n = kf.size();
    TourFrame frame;
    frame.finished = false;
    // The last keyframe arrived at by t (keyframe 0 is at t = 0).
    const std::size_t i =
        std::size_t(std::upper_bound(m_arrival.begin(), m_arrival.end(), t) - m_arrival.begin()) -
        1;
    const double departure = m_arrival[i] + kf[i].dwellSeconds;
    std::size_t at = i;
    if (t <= departure || (i + 1 == n && !m_tour.loop)) {
        frame.camera = kf[i].camera;
        frame.dwelling = true;
    } else {
        const std::size_t j = (i + 1) % n;
        at = j;
        const float travel = kf[j].travelSeconds;
        const float u = travel > 0.0f ? float((t - departure) / travel) : 1.0f;
        if (u >= 1.0f) {
            frame.camera = kf[j].camera;
        } else {
            const float s = ease(u);
            const Segment& seg = m_segments[j];
            frame.camera.eye = segmentPoint(seg.eye, parameterAtFraction(seg.eyeArc.cumulative, s));
            frame.camera.target =
                segmentPoint(seg.target, parameterAtFraction(seg.targetArc.cumulative, s));
            frame.camera.fovYDegrees = kf[i].camera.fovYDegrees +
                                       s * (kf[j].camera.fovYDegrees - kf[i].camera.fovYDegrees);
        }
    }
    frame.keyframe = at;
    frame.caption = kf[at].caption;
    frame.captionZh = kf[at].captionZh;
    return frame;
}

std::filesystem::path toursDirectory(const std::string& configured) {
    return std::filesystem::path(configured.empty() ? PT_TOURS_DIR : configured);
}

std::filesystem::path resolveTourPath(std::string_view nameOrPath,
                                      const std::filesystem::path& toursDir) {
    const bool isPath = nameOrPath.find('/') != std::string_view::npos ||
                        (nameOrPath.size() > 5 && nameOrPath.ends_with(".json"));
    if (isPath || nameOrPath.empty()) return std::filesystem::path(nameOrPath);
    return toursDir / (std::string(nameOrPath) + ".json");
}

// -------------------------------------------------------------------------------------------------
// Recorder

TourRecorder::TourRecorder(std::string name, std::string title, bool loop) {
    m_tour.name = std::move(name);
    m_tour.title = std::move(title);
    m_tour.loop = loop;
}

float TourRecorder::defaultTravelSeconds(const TourCamera& from, const TourCamera& to) {
    const float moved =
        std::max(glm::length(to.eye - from.eye), glm::length(to.target - from.target));
    return std::clamp(2.0f + moved / kMetresPerTravelSecond, kMinTravel, kMaxTravel);
}

std::size_t TourRecorder::addKeyframe(const TourCamera& camera, std::string caption,
                                      std::string captionZh) {
    TourKeyframe k;
    k.camera = camera;
    k.dwellSeconds = kDefaultDwell;
    k.travelSeconds = m_tour.keyframes.empty()
                          ? kMinTravel
                          : defaultTravelSeconds(m_tour.keyframes.back().camera, camera);
    k.caption = std::move(caption);
    k.captionZh = std::move(captionZh);
    m_tour.keyframes.push_back(std::move(k));
    // Keyframe 0's travel is the flight back from the last one when the tour loops.
    if (m_tour.keyframes.size() >= 2)
        m_tour.keyframes.front().travelSeconds =
            defaultTravelSeconds(camera, m_tour.keyframes.front().camera);
    return m_tour.keyframes.size() - 1;
}

void TourRecorder::addAction(Command action) {
    if (!m_tour.keyframes.empty()) m_tour.keyframes.back().actions.push_back(std::move(action));
}

void TourRecorder::removeLast() {
    if (!m_tour.keyframes.empty()) m_tour.keyframes.pop_back();
}

}  // namespace pt::viewer
