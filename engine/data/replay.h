#pragma once
// Replay of real recorded telemetry (../shared/data/telemetry, see docs/data.md):
//  - UCI "Occupancy Detection": one office room, one row a minute (temperature, light, CO2,
//    binary occupancy). Each target unit replays the room with its own time offset, so units
//    differ; headcount is estimated from occupancy, CO2 and the unit's capacity.
//  - Caltech ACN-Data EV sessions: 42 stations mapped onto chargers <prefix>/C01..C42 (station ids
//    sorted); connect -> Charging, done charging -> SuspendedEV, disconnect -> Available; power is
//    the session's kWh over its charging time; `energy` counts kWh delivered.
// Time is compressed by `speed` and loops; samples are stamped with the replay clock (now), so a
// loop never produces out-of-order timestamps.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "data/sample_generator.h"

namespace pt::data {

struct UciRecord {
    int64_t tsMs = 0;  // the file's local time read as UTC (the room's time zone is not given)
    double temperature = 0, humidity = 0, light = 0, co2 = 0, humidityRatio = 0;
    bool occupied = false;
};
// Errors name the file and line.
Result<std::vector<UciRecord>> loadUciOccupancy(const std::filesystem::path& path);
// People in a unit of `capacity` for one record: 0 when unoccupied, else at least 1 and more
// the higher the CO2 (400 ppm outdoor baseline, +1000 ppm ~ full).
int estimateHeadcount(const UciRecord& record, int capacity);

struct AcnSession {
    std::string stationId;
    int64_t connectMs = 0;
    int64_t disconnectMs = 0;
    std::optional<int64_t> doneMs;  // absent in the file, or outside connect..disconnect
    double kWh = 0;
};
Result<std::vector<AcnSession>> loadAcnSessions(const std::filesystem::path& path);
// "Sat, 01 May 2021 20:42:47 GMT" -> ms since epoch.
std::optional<int64_t> parseHttpDate(std::string_view text);

struct ReplayUnit {
    std::string id;
    int capacity = 20;
};

struct ReplayOptions {
    std::vector<ReplayUnit> units;         // driven by the UCI room
    std::string chargerZone = "gm/ev/P1";  // chargers are <zone>/C01..
    double speed = 60;                     // data seconds per replay second
    bool loop = true;
    int64_t unitOffsetMs = 37 * 60'000;  // unit i replays the room shifted by i * this
};

// One replay event on the ACN timeline.
struct ChargerEvent {
    int64_t dataMs = 0;
    int charger = 0;  // 1-based: C01..
    std::string status;
    double powerKw = 0;
    double energyAddKWh = 0;
};
// Sorted by time; stations are numbered in sorted-id order.
std::vector<ChargerEvent> buildChargerEvents(const std::vector<AcnSession>& sessions,
                                             int* stationCount = nullptr);

class Replay final : public SampleGenerator {
public:
    Replay(std::vector<UciRecord> room, std::vector<AcnSession> sessions, ReplayOptions options);
    void advance(int64_t nowMs, std::vector<Sample>& out) override;
    int loopsCompleted() const { return m_loops; }
    int chargerCount() const { return m_chargerCount; }

private:
    void advanceUnits(int64_t dataMs, int64_t nowMs, std::vector<Sample>& out);
    void advanceChargers(int64_t dataMs, int64_t nowMs, std::vector<Sample>& out);

    std::vector<UciRecord> m_room;
    int m_chargerCount;  // set while building m_events, so declared before it
    std::vector<ChargerEvent> m_events;
    ReplayOptions m_options;
    std::optional<int64_t> m_wallStartMs;
    std::vector<ptrdiff_t> m_unitIndex;  // last emitted record per unit (-1: none)
    size_t m_nextEvent = 0;
    std::vector<double> m_energy;  // per charger, kWh
    int64_t m_lastElapsedData = 0;
    int m_loops = 0;
};

}  // namespace pt::data
