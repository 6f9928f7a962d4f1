#pragma once
// Human- and machine-readable summaries of a portfolio, for `parktwin info` and the UI's KPIs.
// Free functions over a const Portfolio; callable from any thread.
#include <string>

#include "park/park_model.h"

namespace pt::park {

// Lease counts and areas of all units below (or at) one entity.
struct LeaseSummary {
    std::size_t units = 0;
    std::size_t byStatus[4] = {};  // indexed by LeaseStatus
    double area = 0.0;             // m^2
    double vacantArea = 0.0;       // m^2
    // Share of units that are Vacant (空置率 by count), 0 when there are no units.
    double vacancyRate() const { return units == 0 ? 0.0 : double(byStatus[0]) / double(units); }
};

LeaseSummary summarizeLeases(const Portfolio& portfolio, EntityIndex root);
// Over the whole portfolio.
LeaseSummary summarizeLeases(const Portfolio& portfolio);

// An indented tree: parks, buildings, floors (elevation, height, load, unit counts), zones and
// device counts. `withFloors` = false stops at buildings (for big portfolios).
std::string describeText(const Portfolio& portfolio, bool withFloors = true);
// The same content as a JSON document (two-space indent).
std::string describeJson(const Portfolio& portfolio);

}  // namespace pt::park
