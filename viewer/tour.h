#pragma once
// Camera tours: the exhibition autopilot (展厅演示) and the operator's inspection walk (巡检).
// A tour is a list of keyframes (a camera, how long to stay, how long to travel there, a
// bilingual caption, and commands applied on arrival); TourPlayer turns it into a camera per
// frame from the time the caller passes in (no clock inside, so tests and video walls replay
// exactly). Tours are JSON files (docs/tours.md); TourRecorder builds one from the live camera.
// Everything here is plain data and pure functions; call it from the frame thread.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include "core/result.h"
#include "viewer/command.h"

namespace pt::viewer {

// The part of a camera a tour controls (the lens's near plane and projection stay the app's).
struct TourCamera {
    glm::vec3 eye{0.0f};
    glm::vec3 target{0.0f, 0.0f, -1.0f};
    float fovYDegrees = 45.0f;
};

inline CameraCommand toCameraCommand(const TourCamera& camera) {
    return CameraCommand{camera.eye, camera.target, camera.fovYDegrees};
}

struct TourKeyframe {
    TourCamera camera;
    float dwellSeconds = 3.0f;     // time spent still at this camera after arriving
    float travelSeconds = 5.0f;    // flight from the previous keyframe; keyframe 0's is the flight
                                   // back from the last one in a looping tour (unused otherwise)
    std::string caption;           // English
    std::string captionZh;         // 中文
    std::vector<Command> actions;  // applied once, in order, on arrival
};

struct Tour {
    std::string name;   // short id, e.g. "investor" (what TourCommand{"play", name} names)
    std::string title;  // shown while playing
    bool loop = false;  // after the last keyframe, fly back to the first and go on forever
    std::vector<TourKeyframe> keyframes;
};

// Limits the parser enforces (and the player clamps to).
inline constexpr float kTourMinFov = 5.0f;
inline constexpr float kTourMaxFov = 120.0f;
inline constexpr float kTourMaxSeconds = 3600.0f;  // per dwell or travel: catches ms-for-s slips

// Parses a tour file's text. `displayName` (usually the file name) starts every error message,
// followed by the keyframe index and the field, e.g.
//   investor.json: keyframe 3: "eye" must be an array of 3 numbers
//   investor.json: keyframe 4: action 1: command: "mode" must be one of none, ...
Result<Tour> parseTour(std::string_view jsonText, std::string_view displayName);
Result<Tour> loadTour(const std::filesystem::path& path);
// Every field written out (defaults too), floats in their shortest exact form, so save -> load
// gives back the same Tour.
nlohmann::json tourToJson(const Tour& tour);
Result<void> saveTour(const Tour& tour, const std::filesystem::path& path);
// A tour named on the command line or in a command: a path (it has a '/' or ends in .json), or
// the name of a tour in `toursDir` ("investor" -> toursDir/investor.json).
std::filesystem::path resolveTourPath(std::string_view nameOrPath,
                                      const std::filesystem::path& toursDir);
// Where tours are found by name and saved: `configured` (--tours-dir) or, when empty, the
// shipped assets/tours/ of this build.
std::filesystem::path toursDirectory(const std::string& configured);

// What the player shows this frame.
struct TourFrame {
    TourCamera camera;
    std::string caption;    // of the keyframe the camera is at or flying to
    std::string captionZh;  // the same in Chinese
    std::size_t keyframe = 0;
    bool dwelling = false;              // standing at `keyframe` (not travelling)
    std::vector<Command> firedActions;  // arrivals since the last update, in order, each once
    bool finished = true;               // no tour, stopped, or past the end of a non-loop tour
};

// Plays one tour. The timeline: keyframe 0 at t = 0, then for each keyframe its dwell, then the
// next keyframe's travel, ...; a looping tour adds keyframe 0's travel back to it and repeats.
// The path is a centripetal Catmull-Rom spline through the keyframe eyes and one through the
// targets (no cusps or overshoot loops, unlike the uniform kind); along each segment the camera
// moves by arc length with ease-in-out, so it slows to a stop at every dwell and its speed never
// jumps. The FOV follows the same easing. Arrivals are exact: at an arrival time the camera is
// the keyframe's camera, bit for bit.
class TourPlayer {
public:
    // Starts at t = 0 (keyframe 0); the first update() fires keyframe 0's actions. An empty tour
    // plays as already finished. Durations are clamped to [0, kTourMaxSeconds].
    void start(Tour tour);
    // Advances by `dt` seconds (negative or NaN counts as 0) and returns the frame. Every arrival
    // passed fires its actions once, in order, even if one dt skips several keyframes; a dt longer
    // than a whole lap of a looping tour fires the arrivals of the last lap only.
    TourFrame update(float dt);
    // Unloads the tour; update() then returns finished frames with no actions.
    void stop();
    // Jumps to `seconds` (clamped to the tour; wrapped into one lap when looping). Arrivals after
    // and at that time fire as they are reached, so seeking to a keyframe's arrival fires its
    // actions on the next update(); earlier ones do not fire again.
    void seek(float seconds);
    void seekToKeyframe(std::size_t keyframe) { seek(arrivalTime(keyframe)); }

    // Non-loop: the time the last dwell ends. Loop: the length of one lap. 0 without a tour.
    float totalDuration() const { return float(m_duration); }
    float time() const { return float(m_time); }
    float arrivalTime(std::size_t keyframe) const;
    bool active() const { return m_active; }
    bool playing() const { return m_active && !(m_time >= m_duration && !m_tour.loop); }
    const Tour& tour() const { return m_tour; }
    // The camera at `seconds` on the timeline (wrapped/clamped as seek does); no side effects.
    TourCamera cameraAt(float seconds) const;

private:
    // Arc-length table of one spline segment: cumulative length at kArcSamples + 1 even steps
    // of the curve parameter, for turning "fraction of the way" into a curve parameter.
    struct ArcTable {
        std::vector<float> cumulative;
    };
    struct Segment {  // the flight into keyframe `to` from the keyframe before it
        glm::vec3 eye[4];
        glm::vec3 target[4];
        ArcTable eyeArc;
        ArcTable targetArc;
    };

    double wrapOrClamp(double seconds) const;
    double eventTime(long event) const;
    TourFrame frameAt(double t) const;
    void buildSegments();

    Tour m_tour;
    bool m_active = false;
    std::vector<double> m_arrival;    // per keyframe, within one lap
    std::vector<Segment> m_segments;  // m_segments[j]: the flight into keyframe j
    double m_duration = 0.0;
    double m_time = 0.0;
    long m_nextEvent = 0;  // arrival events counted from this lap's keyframe 0
};

// Builds a tour from the UI ("recorded from the UI"): each addKeyframe() appends the current
// camera with default timings: dwell kDefaultDwell, travel from the distance moved
// (defaultTravelSeconds), and keyframe 0's travel re-set to the way back from the newest keyframe
// so the tour can loop. Captions and actions can be added as it goes; edit timings in the file.
class TourRecorder {
public:
    static constexpr float kDefaultDwell = 3.0f;
    static constexpr float kMinTravel = 3.0f;
    static constexpr float kMaxTravel = 10.0f;
    static constexpr float kMetresPerTravelSecond = 50.0f;

    explicit TourRecorder(std::string name, std::string title = {}, bool loop = false);
    // Returns the new keyframe's index.
    std::size_t addKeyframe(const TourCamera& camera, std::string caption = {},
                            std::string captionZh = {});
    // Adds an action to the last keyframe (ignored while there is none).
    void addAction(Command action);
    void removeLast();
    void setLoop(bool loop) { m_tour.loop = loop; }
    const Tour& tour() const { return m_tour; }
    // For editing names, captions and timings in place (the recorder panel).
    Tour& tour() { return m_tour; }
    Result<void> save(const std::filesystem::path& path) const { return saveTour(m_tour, path); }

    // The default travel time between two cameras: 2 s + 1 s per 50 m of the larger of the eye's
    // and the target's moves, within kMinTravel..kMaxTravel.
    static float defaultTravelSeconds(const TourCamera& from, const TourCamera& to);

private:
    Tour m_tour;
};

}  // namespace pt::viewer
