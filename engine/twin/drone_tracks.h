#pragma once
// Smooth drone motion from telemetry pose samples (a few per second, jittery timing). Each drone
// keeps a short history; the renderer asks for the pose at `now`, which is drawn one
// interpolation delay behind real time so that there is (usually) a sample on both sides:
//  - position: cubic Hermite between samples with Catmull-Rom tangents (finite differences over
//    the neighbours' time span), limited per axis so a segment never leaves the box of its two
//    samples (no overshoot when a drone stops to hover);
//  - heading: the short way round (350 -> 10 passes 0, not 180);
//  - past the newest sample: extrapolated along the last velocity for at most maxExtrapolationMs,
//    then held there and marked stale, so a drone whose link dropped neither flies off nor
//    pretends to be live.
// Main thread; plain values.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec3.hpp>

#include "data/telemetry_store.h"
#include "park/park_model.h"

namespace pt::twin {

struct DroneTrackOptions {
    int64_t interpolationDelayMs = 1000;  // > the usual sample interval (pose at 1-5 Hz)
    int64_t maxExtrapolationMs = 2000;    // beyond this past the newest sample: stale
    int64_t trailMs = 30'000;             // how much path the trail shows
    int64_t trailStepMs = 250;            // spacing of the trail's interpolated points
    size_t maxSamples = 512;              // hard cap per drone
};

struct PoseSample {
    int64_t tsMs = 0;
    glm::vec3 position{0.0f};  // world (or park-local; the track does not care), metres
    float headingDeg = 0.0f;
};

struct DronePose {
    glm::vec3 position{0.0f};
    float headingDeg = 0.0f;    // [0, 360)
    bool extrapolated = false;  // render time is past the newest sample
    bool stale = false;         // ... by more than maxExtrapolationMs: shown grey, held still
};

// One drone's recent samples and the smoothing over them.
class DroneTrack {
public:
    explicit DroneTrack(DroneTrackOptions options = {}) : m_options(options) {}

    // Samples must arrive in time order; one not newer than the newest held is ignored (false).
    bool addSample(const PoseSample& sample);
    // nullopt before the first sample.
    std::optional<DronePose> poseAt(int64_t nowMs) const;
    // Positions from renderTime - trailMs (or the oldest sample) to the current pose, every
    // trailStepMs plus every sample in between; empty without samples.
    std::vector<glm::vec3> trail(int64_t nowMs) const;
    const std::deque<PoseSample>& samples() const { return m_samples; }
    const DroneTrackOptions& options() const { return m_options; }

private:
    glm::vec3 positionAt(int64_t renderMs) const;  // within [front, back]
    float headingAt(int64_t renderMs) const;

    DroneTrackOptions m_options;
    std::deque<PoseSample> m_samples;
};

// Tracks of all drones, fed from the telemetry store's `pose` channel once per frame.
class DroneTracks {
public:
    explicit DroneTracks(DroneTrackOptions options = {}) : m_options(options) {}

    // Reads the latest pose of every drone device of the portfolio; poses are park-local, z-up
    // with north +y (docs/data.md), and become the model's y-up frame (north -Z) shifted by the
    // park's scenePosition. Returns how many samples were new.
    int update(const park::Portfolio& portfolio, const data::TelemetryStore& store);
    bool addSample(std::string_view droneId, const PoseSample& sample);
    const DroneTrack* find(std::string_view droneId) const;
    const std::map<std::string, DroneTrack, std::less<>>& tracks() const { return m_tracks; }

private:
    DroneTrackOptions m_options;
    std::map<std::string, DroneTrack, std::less<>> m_tracks;
};

// Shortest signed difference b - a in degrees, in (-180, 180].
float headingDelta(float aDeg, float bDeg);

}  // namespace pt::twin
