#include "data/payload_parser.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/result.h"

namespace pt::data {
namespace {

using Json = nlohmann::json;

struct Target {
    std::string_view entity;
    Channel channel;
};

// Splits "<entity>/<channel>" and validates both parts.
bool splitKey(std::string_view key, std::string_view topic, IngestStats& stats, Target& target) {
    const size_t slash = key.rfind('/');
    if (slash == std::string_view::npos || slash == 0) {
        stats.reject(RejectKind::BadTopic, topic, strCat("no <entity>/<channel> in '", key, "'"));
        return false;
    }
    const auto channel = parseChannel(key.substr(slash + 1));
    if (!channel) {
        stats.reject(RejectKind::UnknownChannel, topic,
                     strCat("channel '", key.substr(slash + 1), "'"));
        return false;
    }
    target.entity = key.substr(0, slash);
    if (!isValidEntityId(target.entity)) {
        stats.reject(RejectKind::BadTopic, topic, strCat("entity id '", target.entity, "'"));
        return false;
    }
    target.channel = *channel;
    return true;
}

bool checkRange(Channel channel, double v) {
    switch (channel) {
        case Channel::Occupancy:
        case Channel::Co2:
        case Channel::Energy:
            return v >= 0;
        case Channel::Battery:
            return v >= 0 && v <= 100;
        default:
            return true;
    }
}

bool finiteNumber(const Json& j, double& out) {
    if (!j.is_number()) return false;
    out = j.get<double>();
    return true;
}

// Converts a JSON value to the channel's value type, counting the reason when it cannot.
bool toValue(const Json& j, Channel channel, std::string_view topic, IngestStats& stats,
             Value& out) {
    switch (valueKindOf(channel)) {
        case ValueKind::Number: {
            double v = 0;
            if (!finiteNumber(j, v)) {
                stats.reject(RejectKind::WrongType, topic, "expected a number");
                return false;
            }
            if (!std::isfinite(v)) {
                stats.reject(RejectKind::NotFinite, topic);
                return false;
            }
            if (!checkRange(channel, v)) {
                stats.reject(RejectKind::OutOfRange, topic, strCat("value ", v));
                return false;
            }
            out = v;
            return true;
        }
        case ValueKind::Enum: {
            if (!j.is_string() || !isValidEnumValue(channel, j.get_ref<const std::string&>())) {
                stats.reject(RejectKind::WrongType, topic,
                             strCat("expected a ", channelName(channel), " name"));
                return false;
            }
            out = j.get<std::string>();
            return true;
        }
        case ValueKind::Pose: {
            Pose pose;
            if (!j.is_object() || !finiteNumber(j.value("x", Json()), pose.x) ||
                !finiteNumber(j.value("y", Json()), pose.y) ||
                !finiteNumber(j.value("z", Json()), pose.z)) {
                stats.reject(RejectKind::WrongType, topic, "expected {x,y,z,heading}");
                return false;
            }
            finiteNumber(j.value("heading", Json(0.0)), pose.heading);
            if (!std::isfinite(pose.x + pose.y + pose.z + pose.heading)) {
                stats.reject(RejectKind::NotFinite, topic);
                return false;
            }
            out = pose;
            return true;
        }
    }
    return false;
}

// A bare number payload ("41.7"). from_chars accepts "nan" and "inf", so the finiteness check in
// toValue() is what keeps them out.
bool parseBareNumber(std::string_view payload, double& out) {
    while (!payload.empty() && (payload.front() == ' ' || payload.front() == '\n'))
        payload.remove_prefix(1);
    while (!payload.empty() && (payload.back() == ' ' || payload.back() == '\n'))
        payload.remove_suffix(1);
    if (payload.empty()) return false;
    const auto [end, ec] = std::from_chars(payload.data(), payload.data() + payload.size(), out);
    return ec == std::errc() && end == payload.data() + payload.size();
}

bool readTs(const Json& doc, int64_t receivedMs, std::string_view topic, IngestStats& stats,
            int64_t& ts) {
    ts = receivedMs;
    const auto it = doc.find("ts");
    if (it == doc.end()) return true;
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
        stats.reject(RejectKind::BadPayload, topic, "\"ts\" is not a number");
        return false;
    }
    const double tsd = it->get<double>();
    if (tsd < 0 || tsd > 9.0e15) {
        stats.reject(RejectKind::BadPayload, topic, "\"ts\" out of range");
        return false;
    }
    ts = int64_t(tsd);
    return true;
}

size_t parseBatch(const Json& doc, std::string_view topic, int64_t receivedMs,
                  std::vector<Sample>& out, IngestStats& stats) {
    if (!doc.is_object()) {
        stats.reject(RejectKind::BadPayload, topic, "batch is not an object");
        return 0;
    }
    int64_t ts = 0;
    if (!readTs(doc, receivedMs, topic, stats, ts)) return 0;
    const auto values = doc.find("values");
    if (values == doc.end() || !values->is_object()) {
        stats.reject(RejectKind::BadPayload, topic, "batch without a \"values\" object");
        return 0;
    }
    size_t added = 0;
    for (const auto& [key, j] : values->items()) {
        Target target;
        Value value;
        if (!splitKey(key, topic, stats, target)) continue;
        if (!toValue(j, target.channel, topic, stats, value)) continue;
        out.push_back(Sample{std::string(target.entity), target.channel, std::move(value), ts});
        ++added;
    }
    return added;
}

size_t parseSingle(std::string_view topic, std::string_view key, std::string_view payload,
                   int64_t receivedMs, std::vector<Sample>& out, IngestStats& stats) {
    Target target;
    if (!splitKey(key, topic, stats, target)) return 0;
    double bare = 0;
    Value value;
    int64_t ts = receivedMs;
    if (valueKindOf(target.channel) == ValueKind::Number && parseBareNumber(payload, bare)) {
        if (!toValue(Json(bare), target.channel, topic, stats, value)) return 0;
    } else {
        const Json doc = Json::parse(payload, nullptr, /*allow_exceptions=*/false);
        if (doc.is_discarded() || !doc.is_object() || !doc.contains("value")) {
            stats.reject(RejectKind::BadPayload, topic, "expected {\"ts\":…,\"value\":…}");
            return 0;
        }
        if (!readTs(doc, receivedMs, topic, stats, ts)) return 0;
        if (!toValue(doc["value"], target.channel, topic, stats, value)) return 0;
    }
    out.push_back(Sample{std::string(target.entity), target.channel, std::move(value), ts});
    return 1;
}

Json toJson(const Value& value) {
    if (const double* d = std::get_if<double>(&value)) return *d;
    if (const std::string* s = std::get_if<std::string>(&value)) return *s;
    const Pose& p = std::get<Pose>(value);
    return Json{{"x", p.x}, {"y", p.y}, {"z", p.z}, {"heading", p.heading}};
}

}  // namespace

size_t parseMessage(std::string_view topic, std::string_view payload, int64_t receivedMs,
                    std::vector<Sample>& out, IngestStats& stats, const ParseLimits& limits) {
    if (payload.size() > limits.maxPayloadBytes) {
        stats.reject(RejectKind::Oversized, topic, strCat(payload.size(), " bytes"));
        return 0;
    }
    if (!topic.starts_with(kTopicPrefix)) {
        stats.reject(RejectKind::BadTopic, topic, "expected parktwin/v1/…");
        return 0;
    }
    if (topic == kBatchTopic) {
        const Json doc = Json::parse(payload, nullptr, /*allow_exceptions=*/false);
        if (doc.is_discarded()) {
            stats.reject(RejectKind::BadPayload, topic, "batch is not valid JSON");
            return 0;
        }
        return parseBatch(doc, topic, receivedMs, out, stats);
    }
    return parseSingle(topic, topic.substr(kTopicPrefix.size()), payload, receivedMs, out, stats);
}

std::string topicFor(std::string_view entity, Channel channel) {
    return strCat(kTopicPrefix, entity, "/", channelName(channel));
}

std::string encodeValue(const Value& value, int64_t tsMs) {
    return Json{{"ts", tsMs}, {"value", toJson(value)}}.dump();
}

std::string encodeBatch(const std::vector<Sample>& samples, int64_t tsMs) {
    Json values = Json::object();
    for (const Sample& s : samples) {
        values[strCat(s.entity, "/", channelName(s.channel))] = toJson(s.value);
    }
    return Json{{"ts", tsMs}, {"values", std::move(values)}}.dump();
}

}  // namespace pt::data
