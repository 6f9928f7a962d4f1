#include "park/describe.h"

#include <cmath>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

namespace pt::park {

using OrderedJson = nlohmann::ordered_json;

namespace {

void accumulate(const Portfolio& p, EntityIndex index, LeaseSummary& out) {
    if (p.entity(index).kind == EntityKind::Unit) {
        const Unit& u = p.unit(index);
        ++out.units;
        ++out.byStatus[std::size_t(u.lease)];
        out.area += u.area;
        if (u.lease == LeaseStatus::Vacant) out.vacantArea += u.area;
    }
    for (EntityIndex child : p.children(index))
        accumulate(p, child, out);
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string percent(double rate) {
    return fixed(rate * 100.0, 1) + "%";
}

std::string label(const Entity& e) {
    return e.name.empty() ? e.id : e.id + " " + e.name;
}

std::map<std::string, int> deviceCounts(const Portfolio& p, EntityIndex park) {
    std::map<std::string, int> counts;
    for (EntityIndex d : p.ofKind(EntityKind::Device))
        if (p.ancestorOfKind(d, EntityKind::Park) == park)
            ++counts[std::string(toString(p.device(d).kind))];
    return counts;
}

void describeBuilding(const Portfolio& p, EntityIndex b, bool withFloors, std::string& out) {
    const LeaseSummary s = summarizeLeases(p, b);
    std::size_t floors = 0;
    for (EntityIndex f : p.children(b))
        floors += p.entity(f).kind == EntityKind::Floor;
    out += strCat("  building ", label(p.entity(b)), ": ", toString(p.building(b).use), ", ",
                  floors, " floors, ", s.units, " units, vacancy ", percent(s.vacancyRate()), "\n");
    if (!withFloors) return;
    for (EntityIndex f : p.children(b)) {
        if (p.entity(f).kind != EntityKind::Floor) continue;
        const Floor& floor = p.floor(f);
        const LeaseSummary fs = summarizeLeases(p, f);
        out += strCat("    floor ", label(p.entity(f)), ": #", floor.number, ", elevation ",
                      fixed(floor.elevation, 1), " m, height ", fixed(floor.height, 1), " m, load ",
                      fixed(floor.loadRating, 1), " kN/m2, ", fs.units, " units (", fs.byStatus[0],
                      " vacant)\n");
    }
}

}  // namespace

LeaseSummary summarizeLeases(const Portfolio& portfolio, EntityIndex root) {
    LeaseSummary out;
    accumulate(portfolio, root, out);
    return out;
}

LeaseSummary summarizeLeases(const Portfolio& portfolio) {
    LeaseSummary out;
    for (EntityIndex park : portfolio.parks())
        accumulate(portfolio, park, out);
    return out;
}

std::string describeText(const Portfolio& p, bool withFloors) {
    const LeaseSummary total = summarizeLeases(p);
    std::string out = strCat(
        "portfolio ", p.name().empty() ? "(unnamed)" : p.name(), ": ", p.count(EntityKind::Park),
        " parks, ", p.count(EntityKind::Building), " buildings, ", p.count(EntityKind::Floor),
        " floors, ", total.units, " units (vacancy ", percent(total.vacancyRate()), "), ",
        p.count(EntityKind::Zone), " zones, ", p.count(EntityKind::Device), " devices\n");
    for (EntityIndex park : p.parks()) {
        const GeoOrigin& geo = p.park(park).geoOrigin;
        const LeaseSummary s = summarizeLeases(p, park);
        out += strCat("park ", label(p.entity(park)), " at ", fixed(geo.latitude, 5), ", ",
                      fixed(geo.longitude, 5), ": ", s.units, " units, vacancy ",
                      percent(s.vacancyRate()), "\n");
        for (EntityIndex child : p.children(park))
            if (p.entity(child).kind == EntityKind::Building)
                describeBuilding(p, child, withFloors, out);
        for (EntityIndex child : p.children(park))
            if (p.entity(child).kind == EntityKind::Zone)
                out += strCat("  zone ", label(p.entity(child)), ": ",
                              toString(zoneKind(p.zone(child))), "\n");
        for (const auto& [kind, n] : deviceCounts(p, park))
            out += strCat("  devices ", kind, ": ", n, "\n");
    }
    return out;
}

namespace {

OrderedJson leaseJson(const LeaseSummary& s) {
    return OrderedJson{{"units", s.units},
                       {"vacant", s.byStatus[0]},
                       {"leased", s.byStatus[1]},
                       {"reserved", s.byStatus[2]},
                       {"fittingOut", s.byStatus[3]},
                       {"area", std::round(s.area)},
                       {"vacantArea", std::round(s.vacantArea)},
                       {"vacancyRate", std::round(s.vacancyRate() * 1e4) / 1e4}};
}

OrderedJson buildingJson(const Portfolio& p, EntityIndex b) {
    OrderedJson floors = OrderedJson::array();
    for (EntityIndex f : p.children(b)) {
        if (p.entity(f).kind != EntityKind::Floor) continue;
        const Floor& floor = p.floor(f);
        floors.push_back(OrderedJson{{"id", p.entity(f).id},
                                     {"number", floor.number},
                                     {"elevation", floor.elevation},
                                     {"height", floor.height},
                                     {"loadRating", floor.loadRating},
                                     {"units", leaseJson(summarizeLeases(p, f))}});
    }
    return OrderedJson{{"id", p.entity(b).id},
                       {"name", p.entity(b).name},
                       {"use", toString(p.building(b).use)},
                       {"units", leaseJson(summarizeLeases(p, b))},
                       {"floors", std::move(floors)}};
}

}  // namespace

std::string describeJson(const Portfolio& p) {
    OrderedJson parks = OrderedJson::array();
    for (EntityIndex park : p.parks()) {
        OrderedJson buildings = OrderedJson::array(), zones = OrderedJson::array();
        for (EntityIndex child : p.children(park)) {
            if (p.entity(child).kind == EntityKind::Building)
                buildings.push_back(buildingJson(p, child));
            if (p.entity(child).kind == EntityKind::Zone)
                zones.push_back(OrderedJson{{"id", p.entity(child).id},
                                            {"kind", toString(zoneKind(p.zone(child)))}});
        }
        const GeoOrigin& geo = p.park(park).geoOrigin;
        parks.push_back(OrderedJson{
            {"id", p.entity(park).id},
            {"name", p.entity(park).name},
            {"geoOrigin", {{"lat", geo.latitude}, {"lon", geo.longitude}, {"alt", geo.altitude}}},
            {"units", leaseJson(summarizeLeases(p, park))},
            {"buildings", std::move(buildings)},
            {"zones", std::move(zones)},
            {"devices", deviceCounts(p, park)}});
    }
    OrderedJson root{{"name", p.name()},
                     {"counts",
                      {{"parks", p.count(EntityKind::Park)},
                       {"buildings", p.count(EntityKind::Building)},
                       {"floors", p.count(EntityKind::Floor)},
                       {"units", p.count(EntityKind::Unit)},
                       {"zones", p.count(EntityKind::Zone)},
                       {"devices", p.count(EntityKind::Device)}}},
                     {"units", leaseJson(summarizeLeases(p))},
                     {"parks", std::move(parks)}};
    return root.dump(2) + "\n";
}

}  // namespace pt::park
