// Id rules and enum names of the park model (declared in park_model.h).
#include <array>

#include "core/result.h"
#include "park/park_model.h"

namespace pt::park {

bool isValidIdSegment(std::string_view segment) {
    if (segment.empty() || segment.size() > 64) return false;
    for (char c : segment) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        if (!ok) return false;
    }
    return true;
}

namespace {

bool allSegmentsValid(std::string_view path, int& segments) {
    segments = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string_view seg = path.substr(start, slash - start);
        if (!isValidIdSegment(seg)) return false;
        ++segments;
        if (slash == std::string_view::npos) return true;
        start = slash + 1;
    }
}

}  // namespace

std::optional<std::string> checkChildId(std::string_view parentId, std::string_view id,
                                        EntityKind kind) {
    const std::string_view what = toString(kind);
    if (kind == EntityKind::Park) {
        if (!isValidIdSegment(id))
            return strCat("park id '", id,
                          "' must be one segment of 1-64 characters [A-Za-z0-9_.-]");
        return std::nullopt;
    }
    const bool underParent =
        id.size() > parentId.size() + 1 && id.starts_with(parentId) && id[parentId.size()] == '/';
    if (!underParent)
        return strCat(what, " id '", id, "' must start with its parent's id '", parentId, "/'");
    int segments = 0;
    if (!allSegmentsValid(id.substr(parentId.size() + 1), segments))
        return strCat(what, " id '", id, "': each segment must be 1-64 characters [A-Za-z0-9_.-]");
    const bool multiAllowed = kind == EntityKind::Zone || kind == EntityKind::Device;
    if (segments > 1 && !multiAllowed)
        return strCat(what, " id '", id, "' must add exactly one segment to '", parentId, "'");
    return std::nullopt;
}

namespace {

constexpr std::array<std::string_view, 6> kEntityKindNames = {"park", "building", "floor",
                                                              "unit", "zone",     "device"};
constexpr std::array<std::string_view, 4> kLeaseNames = {"Vacant", "Leased", "Reserved",
                                                         "FittingOut"};
constexpr std::array<std::string_view, 4> kUseNames = {"Factory", "RnD", "Dormitory", "Services"};
constexpr std::array<std::string_view, 4> kZoneNames = {"DronePad", "DroneCorridor", "NoFlyVolume",
                                                        "EvChargingArea"};
constexpr std::array<std::string_view, 5> kDeviceNames = {"Sensor", "Meter", "Charger", "Drone",
                                                          "Camera"};

template <class E, std::size_t N>
std::optional<E> parseName(const std::array<std::string_view, N>& names, std::string_view text) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == text) return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace

std::string_view toString(EntityKind kind) {
    return kEntityKindNames.at(std::size_t(kind));
}
std::string_view toString(LeaseStatus status) {
    return kLeaseNames.at(std::size_t(status));
}
std::string_view toString(BuildingUse use) {
    return kUseNames.at(std::size_t(use));
}
std::string_view toString(ZoneKind kind) {
    return kZoneNames.at(std::size_t(kind));
}
std::string_view toString(DeviceKind kind) {
    return kDeviceNames.at(std::size_t(kind));
}

std::optional<LeaseStatus> parseLeaseStatus(std::string_view text) {
    return parseName<LeaseStatus>(kLeaseNames, text);
}
std::optional<BuildingUse> parseBuildingUse(std::string_view text) {
    return parseName<BuildingUse>(kUseNames, text);
}
std::optional<ZoneKind> parseZoneKind(std::string_view text) {
    return parseName<ZoneKind>(kZoneNames, text);
}
std::optional<DeviceKind> parseDeviceKind(std::string_view text) {
    return parseName<DeviceKind>(kDeviceNames, text);
}

}  // namespace pt::park
