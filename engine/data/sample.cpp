#include "data/sample.h"

#include <algorithm>
#include <array>

namespace pt::data {
namespace {

constexpr std::array<std::string_view, kChannelCount> kChannelNames = {
    "occupancy", "power", "energy", "temperature", "co2", "status", "pose", "battery", "state"};

constexpr std::array<std::string_view, 9> kOcppStatuses = {
    "Available", "Preparing", "Charging",    "SuspendedEVSE", "SuspendedEV",
    "Finishing", "Reserved",  "Unavailable", "Faulted"};

constexpr std::array<std::string_view, 8> kDroneStates = {
    "Idle", "Preflight", "Takeoff", "Enroute", "Hover", "Landing", "Charging", "Fault"};

bool isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

}  // namespace

std::string_view channelName(Channel channel) {
    return kChannelNames[size_t(channel)];
}

std::optional<Channel> parseChannel(std::string_view name) {
    for (size_t i = 0; i < kChannelNames.size(); ++i) {
        if (kChannelNames[i] == name) return Channel(i);
    }
    return std::nullopt;
}

bool valueFitsChannel(const Value& value, Channel channel) {
    switch (valueKindOf(channel)) {
        case ValueKind::Number:
            return std::holds_alternative<double>(value);
        case ValueKind::Enum:
            return std::holds_alternative<std::string>(value);
        case ValueKind::Pose:
            return std::holds_alternative<Pose>(value);
    }
    return false;
}

bool isValidEnumValue(Channel channel, std::string_view value) {
    if (channel == Channel::Status) {
        return std::find(kOcppStatuses.begin(), kOcppStatuses.end(), value) != kOcppStatuses.end();
    }
    if (channel == Channel::State) {
        return std::find(kDroneStates.begin(), kDroneStates.end(), value) != kDroneStates.end();
    }
    return false;
}

bool isValidEntityId(std::string_view id) {
    if (id.empty() || id.size() > 256) return false;
    bool segmentEmpty = true;
    for (char c : id) {
        if (c == '/') {
            if (segmentEmpty) return false;
            segmentEmpty = true;
        } else if (isIdChar(c)) {
            segmentEmpty = false;
        } else {
            return false;
        }
    }
    return !segmentEmpty;
}

std::string_view parentId(std::string_view id) {
    const size_t slash = id.rfind('/');
    return slash == std::string_view::npos ? std::string_view{} : id.substr(0, slash);
}

}  // namespace pt::data
