#pragma once
// Parses MQTT messages of the ParkTwin convention (docs/data.md) into samples:
//   topic parktwin/v1/<entity id>/<channel>, payload {"ts":…, "value":…} or a bare number;
//   topic parktwin/v1/batch, payload {"ts":…, "values": {"<entity>/<channel>": v, …}}.
// Pure functions, callable from any thread. Every rejected item is counted in `stats` by kind;
// valid items of a partly bad batch are still returned.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/ingest_stats.h"
#include "data/sample.h"

namespace pt::data {

inline constexpr std::string_view kTopicPrefix = "parktwin/v1/";
inline constexpr std::string_view kBatchTopic = "parktwin/v1/batch";

struct ParseLimits {
    size_t maxPayloadBytes = 1u << 20;  // a batch of ~20k values; larger is a misbehaving client
};

// Appends the samples found in one message to `out`; returns how many were appended.
// `receivedMs` stamps values that carry no "ts".
size_t parseMessage(std::string_view topic, std::string_view payload, int64_t receivedMs,
                    std::vector<Sample>& out, IngestStats& stats, const ParseLimits& limits = {});

// The topic a single value is published on.
std::string topicFor(std::string_view entity, Channel channel);
// Payload for one value: {"ts":…,"value":…}.
std::string encodeValue(const Value& value, int64_t tsMs);
// Payload for a batch on kBatchTopic; all samples share `tsMs` (per-sample ts is not encoded).
std::string encodeBatch(const std::vector<Sample>& samples, int64_t tsMs);

}  // namespace pt::data
