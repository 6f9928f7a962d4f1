#pragma once
// The EV charging scene's figures: each charger's OCPP 1.6 status, power, current session
// (since when, energy delivered, stage) and energy today, and the station's KPIs (utilisation,
// faults, power, energy). Read from the telemetry store once per frame; main thread only.
//
// Definitions (also in docs/user-guide.md, "Service scenes"):
//  - in session: Preparing, Charging, SuspendedEV, SuspendedEVSE or Finishing (a car is plugged);
//  - in service: every charger except Unavailable and Faulted;
//  - utilisation: in session / in service (0 when none is in service);
//  - fault rate: Faulted / all chargers;
//  - session energy: the charger's energy counter now minus its value when the session began
//    (the first status sample of the session in the store's history; when the history begins
//    inside the session, it counts from the first counter value seen and is marked partial).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "data/telemetry_store.h"
#include "park/park_model.h"

namespace pt::twin {

enum class OcppStatus : uint8_t {
    Available,
    Preparing,
    Charging,
    SuspendedEVSE,
    SuspendedEV,
    Finishing,
    Reserved,
    Unavailable,
    Faulted,
    Unknown,  // no status yet, or a value OCPP 1.6 does not define
};
inline constexpr int kOcppStatusCount = 10;

OcppStatus parseOcppStatus(std::string_view text);
std::string_view toString(OcppStatus status);
// The colour the industry expects (the same as assets/rules/default.json), 0xRRGGBB sRGB.
uint32_t ocppColor(OcppStatus status);
bool inSession(OcppStatus status);
// Session stage for a progress bar: Preparing 0.15, Charging or suspended 0.5, Finishing 0.9,
// otherwise 0 (no session).
float sessionStage(OcppStatus status);

struct ChargerRow {
    park::EntityIndex entity = park::kNoEntity;
    std::string id;
    std::string name;
    OcppStatus status = OcppStatus::Unknown;
    double powerKw = 0.0;
    std::optional<int64_t> sessionStartMs;  // set while in session
    double sessionKWh = 0.0;
    bool sessionPartial = false;  // began before this viewer saw it
    double energyTodayKWh = 0.0;
    bool stale = false;  // no status sample within the staleness window
};

struct EvSummary {
    int total = 0;
    int inSession = 0;
    int charging = 0;
    int available = 0;
    int reserved = 0;
    int faulted = 0;
    int unavailable = 0;
    int unknown = 0;
    double utilisation = 0.0;  // in session / in service
    double faultRate = 0.0;    // faulted / total
    double powerKw = 0.0;
    double energyTodayKWh = 0.0;
    double sessionKWh = 0.0;  // delivered in the sessions running now
    std::array<int, kOcppStatusCount> byStatus{};
};

EvSummary summariseChargers(std::span<const ChargerRow> rows);

// Follows every charger of the portfolio through the store and remembers where each session
// began. One per viewer; lives as long as the portfolio it was made for.
class EvSessions {
public:
    explicit EvSessions(const park::Portfolio& portfolio);
    // Reads status, power and energy of each charger at `nowMs`; `utcOffsetMinutes` sets local
    // midnight for "today"; samples older than `staleAfterMs` mark a row stale.
    void update(const data::TelemetryStore& store, int64_t nowMs, int utcOffsetMinutes = 8 * 60,
                int64_t staleAfterMs = 10 * 60'000);
    const std::vector<ChargerRow>& rows() const { return m_rows; }
    const ChargerRow* find(park::EntityIndex entity) const;

private:
    struct Baseline {
        int64_t startMs = 0;
        std::optional<double> energyKWh;  // counter at session start (or first seen)
        bool partial = false;
    };
    std::vector<ChargerRow> m_rows;
    std::vector<Baseline> m_baselines;
    std::vector<OcppStatus> m_previous;
};

}  // namespace pt::twin
