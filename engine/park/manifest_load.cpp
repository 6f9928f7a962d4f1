// Manifest reading: JSON text -> Portfolio, collecting every problem (see manifest.h).
#include <regex>

#include "core/file_io.h"
#include "park/json_fields.h"
#include "park/manifest.h"

namespace pt::park {

using detail::ErrorList;
using detail::JsonFields;
using nlohmann::json;

namespace {

std::string indexPath(const std::string& arrayPath, std::size_t i) {
    return strCat(arrayPath, "[", i, "]");
}

// Reads an enum field by name; unknown names list the accepted ones.
template <class E, class Parse>
std::optional<E> readEnum(JsonFields& fields, std::string_view key, Parse parse,
                          std::initializer_list<E> all, std::optional<E> fallback) {
    std::optional<std::string> text;
    if (fallback) {
        std::string s = fields.optionalString(key);
        if (s.empty()) return fallback;
        text = s;
    } else {
        text = fields.requiredString(key);
        if (!text) return std::nullopt;
    }
    if (auto value = parse(*text)) return value;
    std::string names;
    for (E e : all)
        names += strCat(names.empty() ? "" : ", ", toString(e));
    fields.errors().add(fields.childPath(key),
                        strCat("unknown value '", *text, "' (expected one of ", names, ")"));
    return std::nullopt;
}

class ManifestLoader {
public:
    explicit ManifestLoader(std::string_view file) : m_errors(std::string(file)) {}

    Result<Portfolio> load(const json& root) {
        JsonFields fields(root, "", m_errors);
        readHeader(fields);
        m_portfolio.setName(fields.optionalString("name"));
        const json& parks = fields.optionalArray("parks");
        for (std::size_t i = 0; i < parks.size(); ++i)
            loadPark(parks[i], indexPath("parks", i));
        fields.finish();
        if (!m_errors.empty()) {
            std::string message;
            for (const std::string& line : m_errors.lines())
                message += strCat(message.empty() ? "" : "\n", line);
            return Error{message};
        }
        return std::move(m_portfolio);
    }

private:
    void readHeader(JsonFields& fields) {
        if (!fields.isObject()) return;
        auto format = fields.requiredString("format");
        if (format && *format != kManifestFormat)
            m_errors.add("format", strCat("expected '", kManifestFormat, "', got '", *format, "'"));
        auto version = fields.requiredInteger("version");
        if (version && *version != kManifestVersion)
            m_errors.add("version", strCat("unsupported version ", *version, " (this build reads ",
                                           kManifestVersion, ")"));
    }

    std::vector<std::string> readModels(JsonFields& f) {
        std::vector<std::string> out;
        const json& models = f.optionalArray("models");
        for (std::size_t i = 0; i < models.size(); ++i) {
            if (models[i].is_string())
                out.push_back(models[i].get<std::string>());
            else
                m_errors.add(indexPath(f.childPath("models"), i),
                             strCat("expected string, got ", detail::jsonTypeName(models[i])));
        }
        return out;
    }

    // Adds an entity if its parent exists; records id problems at `<path>.id`.
    EntityIndex added(Result<EntityIndex> result, const std::string& path) {
        if (result) return *result;
        m_errors.add(strCat(path, ".id"), result.error().message);
        return kNoEntity;
    }

    void loadPark(const json& node, const std::string& path) {
        JsonFields f(node, path, m_errors);
        auto id = f.requiredString("id");
        Park park;
        if (const json* geo = f.optionalObject("geoOrigin")) {
            JsonFields g(*geo, f.childPath("geoOrigin"), m_errors);
            park.geoOrigin.latitude = g.requiredNumber("lat").value_or(0.0);
            park.geoOrigin.longitude = g.requiredNumber("lon").value_or(0.0);
            park.geoOrigin.altitude = g.optionalNumber("alt").value_or(0.0);
            g.finish();
        }
        park.scenePosition = f.optionalVec3("scenePosition").value_or(glm::vec3(0.0f));
        park.models = readModels(f);
        std::string name = f.optionalString("name");
        EntityIndex index = kNoEntity;
        if (id) index = added(m_portfolio.addPark(*id, std::move(name), park), path);
        const json& buildings = f.optionalArray("buildings");
        for (std::size_t i = 0; i < buildings.size(); ++i)
            loadBuilding(index, buildings[i], indexPath(f.childPath("buildings"), i));
        const json& zones = f.optionalArray("zones");
        for (std::size_t i = 0; i < zones.size(); ++i)
            loadZone(index, zones[i], indexPath(f.childPath("zones"), i));
        const json& devices = f.optionalArray("devices");
        for (std::size_t i = 0; i < devices.size(); ++i)
            loadDevice(index, devices[i], indexPath(f.childPath("devices"), i));
        f.finish();
    }

    void loadNodeRules(Building& building, const json& rules, const std::string& path) {
        for (std::size_t i = 0; i < rules.size(); ++i) {
            JsonFields r(rules[i], indexPath(path, i), m_errors);
            auto pattern = r.requiredString("pattern");
            auto target = r.requiredString("target");
            if (pattern) {
                try {
                    std::regex check(*pattern, std::regex::ECMAScript);
                } catch (const std::regex_error& e) {
                    m_errors.add(r.childPath("pattern"), strCat("invalid regex: ", e.what()));
                }
            }
            if (pattern && target) building.nodeRules.push_back({*pattern, *target});
            r.finish();
        }
    }

    void loadBuilding(EntityIndex park, const json& node, const std::string& path) {
        JsonFields f(node, path, m_errors);
        auto id = f.requiredString("id");
        std::string name = f.optionalString("name");
        Building b;
        b.use = readEnum(f, "use", parseBuildingUse,
                         {BuildingUse::Factory, BuildingUse::RnD, BuildingUse::Dormitory,
                          BuildingUse::Services},
                         std::optional(BuildingUse::Factory))
                    .value_or(BuildingUse::Factory);
        b.transform.position = f.optionalVec3("position").value_or(glm::vec3(0.0f));
        b.transform.rotationDeg = float(f.optionalNumber("rotationDeg").value_or(0.0));
        b.footprint = f.polygon("footprint", false).value_or(std::vector<glm::vec2>{});
        b.models = readModels(f);
        loadNodeRules(b, f.optionalArray("nodeRules"), f.childPath("nodeRules"));
        EntityIndex index = kNoEntity;
        if (id && park != kNoEntity)
            index = added(m_portfolio.addBuilding(park, *id, std::move(name), std::move(b)), path);
        const json& floors = f.optionalArray("floors");
        for (std::size_t i = 0; i < floors.size(); ++i)
            loadFloor(index, floors[i], indexPath(f.childPath("floors"), i));
        f.finish();
    }

    void loadFloor(EntityIndex building, const json& node, const std::string& path) {
        JsonFields f(node, path, m_errors);
        auto id = f.requiredString("id");
        std::string name = f.optionalString("name");
        Floor floor;
        auto number = f.requiredInteger("number");
        if (number && *number == 0)
            m_errors.add(f.childPath("number"), "must not be 0 (ground floor is 1, B1 is -1)");
        floor.number = int(number.value_or(1));
        floor.elevation = float(f.requiredNumber("elevation").value_or(0.0));
        auto height = f.requiredNumber("height");
        f.requirePositive("height", height);
        floor.height = float(height.value_or(0.0));
        auto load = f.optionalNumber("loadRating");
        f.requireNonNegative("loadRating", load);
        floor.loadRating = float(load.value_or(0.0));
        EntityIndex index = kNoEntity;
        if (id && building != kNoEntity)
            index = added(m_portfolio.addFloor(building, *id, std::move(name), floor), path);
        const json& units = f.optionalArray("units");
        for (std::size_t i = 0; i < units.size(); ++i)
            loadUnit(index, units[i], indexPath(f.childPath("units"), i));
        f.finish();
    }

    void loadUnit(EntityIndex floor, const json& node, const std::string& path) {
        JsonFields f(node, path, m_errors);
        auto id = f.requiredString("id");
        std::string name = f.optionalString("name");
        Unit u;
        auto area = f.requiredNumber("area");
        f.requirePositive("area", area);
        u.area = float(area.value_or(0.0));
        u.lease = readEnum(f, "lease", parseLeaseStatus,
                           {LeaseStatus::Vacant, LeaseStatus::Leased, LeaseStatus::Reserved,
                            LeaseStatus::FittingOut},
                           std::optional(LeaseStatus::Vacant))
                      .value_or(LeaseStatus::Vacant);
        u.tenant = f.optionalString("tenant");
        u.industry = f.optionalString("industry");
        auto capacity = f.optionalInteger("capacity");
        f.requireNonNegative("capacity",
                             capacity ? std::optional(double(*capacity)) : std::nullopt);
        u.capacity = int(capacity.value_or(0));
        u.outline = f.polygon("outline", false).value_or(std::vector<glm::vec2>{});
        if (id && floor != kNoEntity)
            added(m_portfolio.addUnit(floor, *id, std::move(name), std::move(u)), path);
        f.finish();
    }

    void loadZone(EntityIndex park, const json& node, const std::string& path);
    void loadDevice(EntityIndex park, const json& node, const std::string& path);

    ErrorList m_errors;
    Portfolio m_portfolio;
};

void ManifestLoader::loadZone(EntityIndex park, const json& node, const std::string& path) {
    JsonFields f(node, path, m_errors);
    auto id = f.requiredString("id");
    std::string name = f.optionalString("name");
    auto kind = readEnum(f, "kind", parseZoneKind,
                         {ZoneKind::DronePad, ZoneKind::DroneCorridor, ZoneKind::NoFlyVolume,
                          ZoneKind::EvChargingArea},
                         std::optional<ZoneKind>());
    Zone zone;
    if (kind == ZoneKind::DronePad) {
        auto centre = f.requiredVec3("centre");
        auto radius = f.requiredNumber("radius");
        f.requirePositive("radius", radius);
        zone.shape = PadShape{centre.value_or(glm::vec3(0.0f)), float(radius.value_or(0.0))};
    } else if (kind == ZoneKind::DroneCorridor) {
        auto points = f.requiredPoints("points", 2);
        auto width = f.requiredNumber("width");
        f.requirePositive("width", width);
        zone.shape =
            CorridorShape{points.value_or(std::vector<glm::vec3>{}), float(width.value_or(0.0))};
    } else if (kind == ZoneKind::NoFlyVolume) {
        auto polygon = f.polygon("polygon", true);
        auto minY = f.requiredNumber("minY");
        auto maxY = f.requiredNumber("maxY");
        if (minY && maxY && !(*maxY > *minY))
            m_errors.add(f.childPath("maxY"), strCat("must be > minY (", detail::numberText(*minY),
                                                     "), got ", detail::numberText(*maxY)));
        zone.shape = VolumeShape{polygon.value_or(std::vector<glm::vec2>{}),
                                 float(minY.value_or(0.0)), float(maxY.value_or(0.0))};
    } else if (kind == ZoneKind::EvChargingArea) {
        auto polygon = f.polygon("polygon", true);
        auto bays = f.requiredInteger("bays");
        f.requireNonNegative("bays", bays ? std::optional(double(*bays)) : std::nullopt);
        zone.shape = EvAreaShape{polygon.value_or(std::vector<glm::vec2>{}), int(bays.value_or(0))};
    }
    std::string building = f.optionalString("building");
    if (!building.empty()) {
        if (const auto b = m_portfolio.findEntity(building);
            b && m_portfolio.entity(*b).kind == EntityKind::Building)
            zone.building = *b;
        else
            m_errors.add(f.childPath("building"), strCat("unknown building '", building, "'"));
    }
    if (id && kind && park != kNoEntity)
        added(m_portfolio.addZone(park, *id, std::move(name), std::move(zone)), path);
    f.finish();
}

void ManifestLoader::loadDevice(EntityIndex park, const json& node, const std::string& path) {
    JsonFields f(node, path, m_errors);
    auto id = f.requiredString("id");
    std::string name = f.optionalString("name");
    auto kind = readEnum(f, "kind", parseDeviceKind,
                         {DeviceKind::Sensor, DeviceKind::Meter, DeviceKind::Charger,
                          DeviceKind::Drone, DeviceKind::Camera},
                         std::optional<DeviceKind>());
    Device device;
    device.kind = kind.value_or(DeviceKind::Sensor);
    device.position = f.optionalVec3("position").value_or(glm::vec3(0.0f));
    EntityIndex parent = park;
    std::string parentId = f.optionalString("parent");
    if (!parentId.empty()) {
        const auto p = m_portfolio.findEntity(parentId);
        parent = p.value_or(kNoEntity);
        if (!p) m_errors.add(f.childPath("parent"), strCat("unknown entity '", parentId, "'"));
    }
    if (id && kind && parent != kNoEntity)
        added(m_portfolio.addDevice(parent, *id, std::move(name), device), path);
    f.finish();
}

// nlohmann reports a byte offset; users need line:column.
std::string lineColumn(std::string_view text, std::size_t byte) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return strCat(line, ":", column);
}

// Drops nlohmann's "[json.exception.parse_error.101] parse error at line 3, column 15: " prefix.
std::string syntaxProblem(const std::string& what) {
    const std::size_t column = what.find("column ");
    const std::size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

Result<Portfolio> parseManifest(std::string_view text, std::string_view displayName) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        return makeError(displayName, ":", lineColumn(text, e.byte),
                         ": JSON syntax error: ", syntaxProblem(e.what()));
    }
    return ManifestLoader(displayName).load(root);
}

Result<Portfolio> loadManifest(const std::filesystem::path& path) {
    auto text = readTextFile(path);
    if (!text) return text.error();
    return parseManifest(*text, path.filename().string());
}

std::vector<std::string> errorLines(const Error& error) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= error.message.size()) {
        const std::size_t end = error.message.find('\n', start);
        lines.push_back(error.message.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

std::filesystem::path resolveModelPath(const std::filesystem::path& manifestPath,
                                       const std::string& model) {
    return (manifestPath.parent_path() / model).lexically_normal();
}

}  // namespace pt::park
