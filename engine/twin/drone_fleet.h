#pragma once
// The drone scene's figures: the airspace of the park model in scene coordinates (pads,
// corridors, no-fly volumes), one row per drone for the drone list (state, battery, where it
// is, altitude, speed, what it is doing), each pad's state, and the fleet's KPIs. Pure
// functions over the park model, the store and the drone tracks; main thread (the store is).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "data/telemetry_store.h"
#include "park/park_model.h"
#include "twin/drone_tracks.h"

namespace pt::twin {

struct AirspacePad {
    park::EntityIndex entity = park::kNoEntity;
    glm::vec3 centre{0.0f};  // scene space
    float radius = 0.0f;
};
struct AirspaceCorridor {
    park::EntityIndex entity = park::kNoEntity;
    std::vector<glm::vec3> points;  // scene space
    float width = 0.0f;
};
struct AirspaceNoFly {
    park::EntityIndex entity = park::kNoEntity;
    std::vector<glm::vec2> polygon;  // scene XZ
    float minY = 0.0f, maxY = 0.0f;  // scene Y
};
struct Airspace {
    std::vector<AirspacePad> pads;
    std::vector<AirspaceCorridor> corridors;
    std::vector<AirspaceNoFly> noFly;
};
// Zones of the portfolio shifted by their park's scenePosition.
Airspace airspaceOf(const park::Portfolio& portfolio);

// Takeoff, Enroute, Hover, Landing.
bool isFlying(std::string_view state);
// Distance from p to a polyline (infinite when it has no points).
float distanceToPolyline(const glm::vec3& p, std::span<const glm::vec3> points);
// Inside the prism: XZ in the polygon (even-odd rule) and Y within [minY, maxY].
bool insideNoFly(const AirspaceNoFly& volume, const glm::vec3& p);

enum class Activity : uint8_t { OnPad, InCorridor, OffCorridor, InNoFly, Unknown };

struct DroneRow {
    park::EntityIndex entity = park::kNoEntity;
    std::string id;
    std::string name;
    std::string state;              // the drone's `state` channel; empty before the first sample
    std::optional<double> battery;  // %
    glm::vec3 position{0.0f};       // scene space: the smoothed pose, or the home when none
    float headingDeg = 0.0f;        // clockwise from north (the model's -Z)
    float altitude = 0.0f;          // metres above the park's ground
    float speed = 0.0f;             // m/s along the track (data time)
    bool hasPose = false;
    bool stale = false;  // flying, but the pose stopped arriving
    Activity activity = Activity::Unknown;
    park::EntityIndex place = park::kNoEntity;  // the pad or corridor of `activity`
};

// Rows in the portfolio's order. `nowMs` is the data clock the tracks were fed with.
std::vector<DroneRow> droneRows(const park::Portfolio& portfolio, const Airspace& airspace,
                                const data::TelemetryStore* store, const DroneTracks& tracks,
                                int64_t nowMs);

// In order of severity (the worst state of a pad's drones wins).
enum class PadState : uint8_t { Free, Occupied, Charging, Active, Fault };
std::string_view toString(PadState state);
uint32_t padColor(PadState state);  // 0xRRGGBB sRGB
struct PadStatus {
    park::EntityIndex entity = park::kNoEntity;
    PadState state = PadState::Free;
    int drones = 0;  // on the pad or taking off / landing on it
};
// A drone counts for a pad when within its radius plus a margin horizontally and below the
// corridors (takeoff and landing happen right above it). Worst state wins: Fault, Active
// (rotors turning), Charging, Occupied, Free.
std::vector<PadStatus> padStates(const Airspace& airspace, std::span<const DroneRow> drones);

struct FleetSummary {
    int total = 0;
    int airborne = 0;
    int charging = 0;
    int fault = 0;
    int lowBattery = 0;  // below 25 % (the drone-battery rule's warning)
    int inNoFly = 0;     // flying inside a no-fly volume
    double meanBattery = 0.0;
};
FleetSummary summariseFleet(std::span<const DroneRow> drones);

}  // namespace pt::twin
