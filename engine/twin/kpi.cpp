#include "twin/kpi.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

namespace pt::twin {
namespace {

using data::Channel;
using park::EntityIndex;
using park::EntityKind;

constexpr std::array<std::string_view, 5> kChargerInUse = {"Preparing", "Charging", "SuspendedEV",
                                                           "SuspendedEVSE", "Finishing"};
constexpr std::array<std::string_view, 4> kDroneAirborne = {"Takeoff", "Enroute", "Hover",
                                                            "Landing"};

template <size_t N>
bool oneOf(const std::array<std::string_view, N>& set, std::string_view value) {
    return std::find(set.begin(), set.end(), value) != set.end();
}

bool inScope(std::string_view id, std::string_view scopeId) {
    if (scopeId.empty()) return true;
    return id == scopeId || (id.size() > scopeId.size() &&
                             id.substr(0, scopeId.size()) == scopeId && id[scopeId.size()] == '/');
}

enum class Freshness { Fresh, Stale, Missing };

struct Reader {
    const park::Portfolio& portfolio;
    const data::TelemetryStore& store;
    int64_t now;
    int64_t staleAfterMs;

    std::optional<data::TimedValue> value(EntityIndex e, Channel channel,
                                          Freshness& freshness) const {
        const data::EntityKey key = store.find(portfolio.entity(e).id);
        auto v = key == data::kNoEntity ? std::nullopt : store.valueAt(key, channel, now);
        if (!v) {
            freshness = Freshness::Missing;
            return std::nullopt;
        }
        freshness = now - v->tsMs > staleAfterMs ? Freshness::Stale : Freshness::Fresh;
        return v;
    }

    // Entities that are expected to report a summable channel when nothing above them does.
    bool isLeafSource(EntityIndex e, Channel channel) const {
        const park::Entity& entity = portfolio.entity(e);
        if (entity.kind == EntityKind::Unit) return true;
        if (entity.kind != EntityKind::Device || channel == Channel::Occupancy) return false;
        const park::DeviceKind kind = portfolio.device(e).kind;
        return kind == park::DeviceKind::Meter || kind == park::DeviceKind::Charger;
    }

    // Sums a summable channel over e's subtree: own fresh value if any, else the children's.
    // `perSource` turns the source's value into the summand (the value, or today's delta).
    template <class F>
    std::optional<double> sum(EntityIndex e, Channel channel, SourceCoverage& coverage,
                              const F& perSource) const {
        Freshness freshness;
        const auto v = value(e, channel, freshness);
        if (v && freshness == Freshness::Fresh && std::holds_alternative<double>(v->value)) {
            ++coverage.fresh;
            return perSource(e, std::get<double>(v->value));
        }
        if (v && freshness == Freshness::Stale) ++coverage.stale;
        const auto children = portfolio.children(e);
        if (children.empty() && !v && isLeafSource(e, channel)) ++coverage.missing;
        std::optional<double> total;
        for (EntityIndex child : children)
            if (const auto part = sum(child, channel, coverage, perSource))
                total = total.value_or(0.0) + *part;
        return total;
    }

    std::optional<double> sumValues(EntityIndex e, Channel channel,
                                    SourceCoverage& coverage) const {
        return sum(e, channel, coverage,
                   [](EntityIndex, double v) { return std::optional<double>(v); });
    }
};

void sortTop(std::vector<Consumer>& consumers, int topN) {
    std::sort(consumers.begin(), consumers.end(), [](const Consumer& a, const Consumer& b) {
        if (a.powerKw != b.powerKw) return a.powerKw > b.powerKw;
        return a.key < b.key;
    });
    if (consumers.size() > size_t(std::max(topN, 0))) consumers.resize(size_t(std::max(topN, 0)));
}

void countStatic(const park::Portfolio& p, EntityIndex e, Kpis& k) {
    if (p.entity(e).kind == EntityKind::Unit) {
        const park::Unit& unit = p.unit(e);
        const bool vacant = unit.lease == park::LeaseStatus::Vacant;
        ++k.units;
        k.vacantUnits += vacant ? 1 : 0;
        k.areaM2 += unit.area;
        k.vacantAreaM2 += vacant ? unit.area : 0.0;
        k.capacity += unit.capacity;
    }
    for (EntityIndex child : p.children(e))
        countStatic(p, child, k);
}

void countDevices(const Reader& r, EntityIndex e, Kpis& k) {
    const park::Portfolio& p = r.portfolio;
    if (p.entity(e).kind == EntityKind::Device) {
        const park::DeviceKind kind = p.device(e).kind;
        if (kind == park::DeviceKind::Charger) {
            ChargerCounts& c = k.chargers;
            ++c.total;
            Freshness f;
            const auto v = r.value(e, Channel::Status, f);
            const std::string* s = v ? std::get_if<std::string>(&v->value) : nullptr;
            if (f == Freshness::Missing || !s)
                ++c.missing;
            else if (f == Freshness::Stale)
                ++c.stale;
            else if (oneOf(kChargerInUse, *s))
                ++c.inUse;
            else if (*s == "Faulted")
                ++c.faulted;
            else if (*s == "Available")
                ++c.available;
            else
                ++c.other;
        } else if (kind == park::DeviceKind::Drone) {
            ++k.drones;
            Freshness f;
            const auto v = r.value(e, Channel::State, f);
            const std::string* s = v ? std::get_if<std::string>(&v->value) : nullptr;
            if (f == Freshness::Missing || !s)
                ++k.droneState.missing;
            else if (f == Freshness::Stale)
                ++k.droneState.stale;
            else {
                ++k.droneState.fresh;
                k.dronesAirborne += oneOf(kDroneAirborne, *s) ? 1 : 0;
            }
        }
    }
    for (EntityIndex child : p.children(e))
        countDevices(r, child, k);
}

void collectTenants(const Reader& r, EntityIndex e, std::map<std::string, double>& tenants) {
    const park::Portfolio& p = r.portfolio;
    if (p.entity(e).kind == EntityKind::Unit) {
        const std::string& tenant = p.unit(e).tenant;
        if (tenant.empty()) return;
        SourceCoverage ignored;
        if (const auto kw = r.sumValues(e, Channel::Power, ignored)) tenants[tenant] += *kw;
        return;
    }
    for (EntityIndex child : p.children(e))
        collectTenants(r, child, tenants);
}

std::vector<EntityIndex> scopeRoots(const park::Portfolio& p, EntityIndex scope) {
    if (scope != park::kNoEntity) return {scope};
    return {p.parks().begin(), p.parks().end()};
}

}  // namespace

int64_t localMidnightMs(int64_t tMs, int utcOffsetMinutes) {
    constexpr int64_t kDayMs = 24LL * 3600 * 1000;
    const int64_t offsetMs = int64_t(utcOffsetMinutes) * 60'000;
    const int64_t local = tMs + offsetMs;
    int64_t day = local / kDayMs;
    if (local % kDayMs < 0) --day;  // floor for times before 1970
    return day * kDayMs - offsetMs;
}

Kpis computeKpis(const park::Portfolio& portfolio, EntityIndex scope,
                 const data::TelemetryStore& store, const data::AlertLog* alerts, int64_t nowMs,
                 const KpiOptions& options) {
    Kpis k;
    const Reader reader{portfolio, store, nowMs, options.staleAfterMs};
    const int64_t midnight = localMidnightMs(nowMs, options.utcOffsetMinutes);
    std::vector<Consumer> buildings;
    std::map<std::string, double> tenants;

    for (EntityIndex root : scopeRoots(portfolio, scope)) {
        countStatic(portfolio, root, k);
        countDevices(reader, root, k);
        if (const auto people = reader.sumValues(root, Channel::Occupancy, k.occupancy))
            k.peopleOnSite += *people;
        if (const auto kw = reader.sumValues(root, Channel::Power, k.power)) k.powerKw += *kw;
        const auto today = reader.sum(
            root, Channel::Energy, k.energy, [&](EntityIndex e, double) -> std::optional<double> {
                const data::EntityKey key = store.find(portfolio.entity(e).id);
                // The store's own value wins in deltaSince too, so this is e's counter alone.
                return store.deltaSince(key, Channel::Energy, midnight, nowMs);
            });
        if (today) k.energyTodayKwh = k.energyTodayKwh.value_or(0.0) + *today;

        std::vector<EntityIndex> scopeBuildings;
        if (portfolio.entity(root).kind == EntityKind::Building) scopeBuildings.push_back(root);
        for (EntityIndex b : portfolio.ofKind(EntityKind::Building))
            if (portfolio.entity(root).kind == EntityKind::Park &&
                portfolio.entity(b).parent == root)
                scopeBuildings.push_back(b);
        for (EntityIndex b : scopeBuildings) {
            SourceCoverage ignored;
            if (const auto kw = reader.sumValues(b, Channel::Power, ignored)) {
                const park::Entity& e = portfolio.entity(b);
                buildings.push_back({e.id, e.name.empty() ? e.id : e.name, *kw});
            }
        }
        collectTenants(reader, root, tenants);
    }

    if (k.units > 0) k.vacancyByCount = double(k.vacantUnits) / double(k.units);
    if (k.areaM2 > 0) k.vacancyByArea = k.vacantAreaM2 / k.areaM2;

    sortTop(buildings, options.topN);
    k.topBuildings = std::move(buildings);
    for (const auto& [tenant, kw] : tenants)
        k.topTenants.push_back({tenant, tenant, kw});
    sortTop(k.topTenants, options.topN);

    if (alerts) {
        const std::string_view scopeId =
            scope == park::kNoEntity ? std::string_view{} : portfolio.entity(scope).id;
        for (const data::Alert& a : alerts->entries())
            if (a.active() && !a.acknowledged && inScope(a.entity, scopeId)) ++k.openAlerts;
    }
    return k;
}

}  // namespace pt::twin
