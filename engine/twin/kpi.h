#pragma once
// Headline KPIs (DOMAIN.md, control room) for the whole portfolio, one park or one building at
// one instant, from the park model (lease, area, capacity: static facts) and the telemetry store
// (live values). Stale or missing data is never counted as current: each live KPI says how many
// of its sources were fresh, stale or missing, so a panel can grey a figure out. Main thread
// (the telemetry store is main-thread only); the result is a plain value.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/alert_log.h"
#include "data/telemetry_store.h"
#include "park/park_model.h"

namespace pt::twin {

struct KpiOptions {
    // A value older than this at `nowMs` is stale (the default rules' staleAfter).
    int64_t staleAfterMs = 15 * 60'000;
    // Local time zone of the park for "today": China Standard Time by default.
    int utcOffsetMinutes = 8 * 60;
    int topN = 5;
};

// How many sources fed a live KPI. A source is the entity whose own value was used (a building
// meter, or each unit of a building without one); `missing` counts units / chargers / drones with
// no value at all.
struct SourceCoverage {
    int fresh = 0;
    int stale = 0;
    int missing = 0;
    bool complete() const { return stale == 0 && missing == 0; }
};

struct Consumer {
    std::string key;    // entity id for buildings, tenant name for tenants
    std::string label;  // display name (building name or id; tenant name)
    double powerKw = 0;
};

struct ChargerCounts {
    int inUse = 0;      // Preparing, Charging, SuspendedEV, SuspendedEVSE, Finishing
    int faulted = 0;    // Faulted
    int available = 0;  // Available
    int other = 0;      // Reserved, Unavailable, or an unknown string
    int stale = 0;
    int missing = 0;
    int total = 0;  // chargers in scope (sum of all the above)
};

struct Kpis {
    // Vacancy from the park model's lease status: units that are Vacant (Reserved and
    // FittingOut count as let). By area: nullopt when no unit has an area.
    int units = 0;
    int vacantUnits = 0;
    double areaM2 = 0;
    double vacantAreaM2 = 0;
    std::optional<double> vacancyByArea;
    std::optional<double> vacancyByCount;  // nullopt without units

    double peopleOnSite = 0;  // fresh occupancy only
    SourceCoverage occupancy;
    int capacity = 0;  // people, sum of unit capacities

    double powerKw = 0;  // fresh power only
    SourceCoverage power;
    // Sum over fresh energy counters of (now - value at local midnight); nullopt if none.
    std::optional<double> energyTodayKwh;
    SourceCoverage energy;

    std::vector<Consumer> topBuildings;  // by fresh power, descending, at most topN
    std::vector<Consumer> topTenants;

    ChargerCounts chargers;
    int dronesAirborne = 0;  // fresh state in Takeoff, Enroute, Hover, Landing
    int drones = 0;
    SourceCoverage droneState;

    int openAlerts = 0;  // active and not acknowledged, on the scope or below
};

// `scope` is a park or building, or kNoEntity for the whole portfolio. Entities are matched to
// telemetry by id. Summable channels follow the store's rule: an entity's own value (a meter)
// stands for its subtree; when that own value is stale, its children are used instead.
Kpis computeKpis(const park::Portfolio& portfolio, park::EntityIndex scope,
                 const data::TelemetryStore& store, const data::AlertLog* alerts, int64_t nowMs,
                 const KpiOptions& options = {});

// The most recent local midnight at or before tMs, as UTC milliseconds.
int64_t localMidnightMs(int64_t tMs, int utcOffsetMinutes);

}  // namespace pt::twin
