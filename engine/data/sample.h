#pragma once
// Telemetry samples: what every source produces and the store consumes. Plain values, safe to
// move between threads.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pt::data {

// Channels from DOMAIN.md. The numeric value of each is an index into per-entity arrays.
enum class Channel : uint8_t {
    Occupancy,
    Power,
    Energy,
    Temperature,
    Co2,
    Status,
    Pose,
    Battery,
    State,
};
inline constexpr int kChannelCount = 9;

std::string_view channelName(Channel channel);
std::optional<Channel> parseChannel(std::string_view name);

// Which value type a channel carries; a sample of another type is rejected at parse time.
enum class ValueKind : uint8_t { Number, Enum, Pose };
constexpr ValueKind valueKindOf(Channel channel) {
    switch (channel) {
        case Channel::Status:
        case Channel::State:
            return ValueKind::Enum;
        case Channel::Pose:
            return ValueKind::Pose;
        default:
            return ValueKind::Number;
    }
}
// True for channels that add up the id tree (occupancy, power, energy).
constexpr bool isSummable(Channel channel) {
    return channel == Channel::Occupancy || channel == Channel::Power || channel == Channel::Energy;
}

// Drone pose in park-local metres; heading in degrees clockwise from +y (north).
struct Pose {
    double x = 0, y = 0, z = 0, heading = 0;
    bool operator==(const Pose&) const = default;
};

// Number for analogue channels, string for enums (OCPP status, drone state), Pose for `pose`.
using Value = std::variant<double, std::string, Pose>;

// Whether `value` is of the kind `channel` carries (a number for a numeric channel, ...).
bool valueFitsChannel(const Value& value, Channel channel);

// One measurement. `entity` is a hierarchical id, e.g. "gm/A3/F12/U1203".
struct Sample {
    std::string entity;
    Channel channel = Channel::Power;
    Value value;
    int64_t tsMs = 0;  // milliseconds since the Unix epoch (UTC)
};

// The hot path's sample: a number for an entity interned in the ingest queue's EntityInterner
// (entity_interner.h). Trivially copyable, so a batch of them moves through the queue without an
// allocation per value.
struct NumberSample {
    uint32_t entity = 0;  // InternId
    Channel channel = Channel::Power;
    double value = 0;
    int64_t tsMs = 0;
};

// What one message (or one frame's drain) carries: interned numbers, and plain samples for
// everything else (enums, poses, ids that were not interned, sources that do not intern).
struct SampleBatch {
    std::vector<NumberSample> numbers;
    std::vector<Sample> samples;
    size_t size() const { return numbers.size() + samples.size(); }
    bool empty() const { return numbers.empty() && samples.empty(); }
    void clear() {
        numbers.clear();
        samples.clear();
    }
};

// OCPP 1.6 ChargePointStatus and drone states; enum samples must be one of these.
bool isValidEnumValue(Channel channel, std::string_view value);

// Id syntax: non-empty segments of [A-Za-z0-9_.-] separated by '/'.
bool isValidEntityId(std::string_view id);
// "gm/A3/F12/U1203" -> "gm/A3/F12"; "gm" -> "" (no parent).
std::string_view parentId(std::string_view id);

}  // namespace pt::data
