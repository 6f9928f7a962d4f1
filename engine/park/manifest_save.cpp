// Manifest writing: Portfolio -> JSON text in the schema manifest_load.cpp reads.
#include <cmath>

#include "core/file_io.h"
#include "park/manifest.h"

#include <nlohmann/json.hpp>

namespace pt::park {

using nlohmann::json;
using OrderedJson = nlohmann::ordered_json;  // keeps keys in schema order for readable diffs

namespace {

// Lengths are written to the millimetre: enough for a park, and it keeps "6.1" from being
// written as 6.099999904632568 when a float goes through double.
double mm(float value) {
    return std::round(double(value) * 1000.0) / 1000.0;
}

OrderedJson vec3(glm::vec3 v) {
    return OrderedJson::array({mm(v.x), mm(v.y), mm(v.z)});
}

OrderedJson polygon(const std::vector<glm::vec2>& points) {
    OrderedJson out = OrderedJson::array();
    for (glm::vec2 p : points)
        out.push_back(OrderedJson::array({mm(p.x), mm(p.y)}));
    return out;
}

void putName(OrderedJson& out, const Entity& e) {
    out["id"] = e.id;
    if (!e.name.empty()) out["name"] = e.name;
}

OrderedJson unitJson(const Portfolio& p, EntityIndex index) {
    const Unit& u = p.unit(index);
    OrderedJson out;
    putName(out, p.entity(index));
    out["area"] = mm(u.area);
    out["lease"] = toString(u.lease);
    if (!u.tenant.empty()) out["tenant"] = u.tenant;
    if (!u.industry.empty()) out["industry"] = u.industry;
    out["capacity"] = u.capacity;
    if (!u.outline.empty()) out["outline"] = polygon(u.outline);
    return out;
}

OrderedJson floorJson(const Portfolio& p, EntityIndex index) {
    const Floor& f = p.floor(index);
    OrderedJson out;
    putName(out, p.entity(index));
    out["number"] = f.number;
    out["elevation"] = mm(f.elevation);
    out["height"] = mm(f.height);
    out["loadRating"] = mm(f.loadRating);
    OrderedJson units = OrderedJson::array();
    for (EntityIndex child : p.children(index))
        if (p.entity(child).kind == EntityKind::Unit) units.push_back(unitJson(p, child));
    out["units"] = std::move(units);
    return out;
}

OrderedJson buildingJson(const Portfolio& p, EntityIndex index) {
    const Building& b = p.building(index);
    OrderedJson out;
    putName(out, p.entity(index));
    out["use"] = toString(b.use);
    out["position"] = vec3(b.transform.position);
    out["rotationDeg"] = mm(b.transform.rotationDeg);
    if (!b.footprint.empty()) out["footprint"] = polygon(b.footprint);
    out["models"] = b.models;
    if (!b.nodeRules.empty()) {
        OrderedJson rules = OrderedJson::array();
        for (const NodeRule& r : b.nodeRules)
            rules.push_back(OrderedJson{{"pattern", r.pattern}, {"target", r.target}});
        out["nodeRules"] = std::move(rules);
    }
    OrderedJson floors = OrderedJson::array();
    for (EntityIndex child : p.children(index))
        if (p.entity(child).kind == EntityKind::Floor) floors.push_back(floorJson(p, child));
    out["floors"] = std::move(floors);
    return out;
}

OrderedJson zoneJson(const Portfolio& p, EntityIndex index) {
    const Zone& z = p.zone(index);
    OrderedJson out;
    putName(out, p.entity(index));
    out["kind"] = toString(zoneKind(z));
    if (auto* pad = std::get_if<PadShape>(&z.shape)) {
        out["centre"] = vec3(pad->centre);
        out["radius"] = mm(pad->radius);
    } else if (auto* corridor = std::get_if<CorridorShape>(&z.shape)) {
        OrderedJson points = OrderedJson::array();
        for (glm::vec3 v : corridor->points)
            points.push_back(vec3(v));
        out["points"] = std::move(points);
        out["width"] = mm(corridor->width);
    } else if (auto* volume = std::get_if<VolumeShape>(&z.shape)) {
        out["polygon"] = polygon(volume->polygon);
        out["minY"] = mm(volume->minY);
        out["maxY"] = mm(volume->maxY);
    } else if (auto* ev = std::get_if<EvAreaShape>(&z.shape)) {
        out["polygon"] = polygon(ev->polygon);
        out["bays"] = ev->bays;
    }
    if (z.building != kNoEntity) out["building"] = p.entity(z.building).id;
    return out;
}

OrderedJson deviceJson(const Portfolio& p, EntityIndex index) {
    const Device& d = p.device(index);
    const Entity& e = p.entity(index);
    OrderedJson out;
    putName(out, e);
    out["kind"] = toString(d.kind);
    if (p.entity(e.parent).kind != EntityKind::Park) out["parent"] = p.entity(e.parent).id;
    out["position"] = vec3(d.position);
    return out;
}

// Devices may hang below any entity of the park; walk the subtree to list them all.
void collectDevices(const Portfolio& p, EntityIndex index, OrderedJson& out) {
    for (EntityIndex child : p.children(index)) {
        if (p.entity(child).kind == EntityKind::Device) out.push_back(deviceJson(p, child));
        collectDevices(p, child, out);
    }
}

OrderedJson parkJson(const Portfolio& p, EntityIndex index) {
    const Park& park = p.park(index);
    OrderedJson out;
    putName(out, p.entity(index));
    out["geoOrigin"] = OrderedJson{{"lat", park.geoOrigin.latitude},
                                   {"lon", park.geoOrigin.longitude},
                                   {"alt", park.geoOrigin.altitude}};
    out["scenePosition"] = vec3(park.scenePosition);
    if (!park.models.empty()) out["models"] = park.models;
    OrderedJson buildings = OrderedJson::array(), zones = OrderedJson::array();
    for (EntityIndex child : p.children(index)) {
        if (p.entity(child).kind == EntityKind::Building)
            buildings.push_back(buildingJson(p, child));
        if (p.entity(child).kind == EntityKind::Zone) zones.push_back(zoneJson(p, child));
    }
    OrderedJson devices = OrderedJson::array();
    collectDevices(p, index, devices);
    out["buildings"] = std::move(buildings);
    out["zones"] = std::move(zones);
    out["devices"] = std::move(devices);
    return out;
}

}  // namespace

std::string manifestToJson(const Portfolio& portfolio) {
    OrderedJson root;
    root["format"] = kManifestFormat;
    root["version"] = kManifestVersion;
    if (!portfolio.name().empty()) root["name"] = portfolio.name();
    OrderedJson parks = OrderedJson::array();
    for (EntityIndex park : portfolio.parks())
        parks.push_back(parkJson(portfolio, park));
    root["parks"] = std::move(parks);
    return root.dump(2) + "\n";
}

Result<void> saveManifest(const Portfolio& portfolio, const std::filesystem::path& path) {
    return writeFileAtomic(path, manifestToJson(portfolio));
}

}  // namespace pt::park
