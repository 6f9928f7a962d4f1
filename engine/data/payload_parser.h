#pragma once
// Parses MQTT messages of the ParkTwin convention (docs/data.md) into samples:
//   topic parktwin/v1/<entity id>/<channel>, payload {"ts":…, "value":…} or a bare number;
//   topic parktwin/v1/batch, payload {"ts":…, "values": {"<entity>/<channel>": v, …}}.
// Every rejected item is counted in `stats` by kind; valid items of a partly bad batch are still
// returned. A payload that fails as a whole (not JSON, bad "ts", no "values") yields nothing and
// counts once as BadPayload, whatever single values it held.
//
// Batches are read by a streaming JSON reader written for this format (no DOM, no allocation
// per value): keys are resolved through a per-source KeyCache to an interned entity id and a
// channel (a key in the publisher's usual order is matched against the cache's expected next
// entry without scanning or hashing it; a run of such keys with short numbers is read by one
// loop), numbers of up to 7 characters from one 8-byte word (json::shortDecimal), else with
// std::from_chars. The cache outlives its source in the IngestQueue (keepKeyCache()).
// Single-value JSON payloads, which carry one value per message, go through nlohmann::json.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/entity_interner.h"
#include "data/ingest_stats.h"
#include "data/sample.h"

namespace pt::data {

inline constexpr std::string_view kTopicPrefix = "parktwin/v1/";
inline constexpr std::string_view kBatchTopic = "parktwin/v1/batch";

struct ParseLimits {
    size_t maxPayloadBytes = 1u << 20;  // a batch of ~20k values; larger is a misbehaving client
};

// "<entity>/<channel>" keys a source has seen, resolved once to (interned entity, channel), so a
// repeated key costs one hash lookup instead of splitting, validating and interning it again.
// Layout for few cache misses: a small open-addressing index (8 bytes a slot: hash tag and entry
// number; 20k keys take 512 KiB) over a dense array of cache-line entries in insertion order,
// each holding its hash and, up to kInlineKey bytes, the key itself (longer keys live in an
// arena). A publisher that sends its keys in the same order every cycle walks the entries
// sequentially, which the hardware prefetches; and since it does, find() first compares the key
// with the entry after the previous hit, which skips the hash and the random index probe. (A
// node-based map chased three or four pointers per lookup; with 20k keys those misses were the
// costliest step of a batch.) Owned by one source thread; bounded (cleared when full, then refilled
// from the interner).
class KeyCache {
public:
    struct Entry {
        InternId entity = kNoId;
        Channel channel = Channel::Power;
    };
    KeyCache() = default;
    explicit KeyCache(size_t capacity) : m_capacity(capacity) {}
    const Entry* find(std::string_view key) const;
    void insert(std::string_view key, Entry entry);
    // The entry find() tries first (the one after the previous hit) and its key, or null; a
    // caller that matched that key itself calls takeExpected() instead of find().
    const Entry* expected(std::string_view& key) const {
        if (m_next >= m_entries.size()) return nullptr;
        key = keyOf(m_entries[m_next]);
        return &m_entries[m_next].entry;
    }
    void takeExpected() const { ++m_next; }
    size_t size() const { return m_entries.size(); }

    static constexpr size_t kInlineKey = 40;

private:
    struct alignas(64) Stored {
        uint64_t hash = 0;
        uint32_t length = 0;
        uint32_t offset = 0;  // into m_arena when length > kInlineKey
        Entry entry;
        char key[kInlineKey];
    };
    static_assert(sizeof(Stored) == 64);
    std::string_view keyOf(const Stored& stored) const {
        if (stored.length <= kInlineKey) return std::string_view(stored.key, stored.length);
        return std::string_view(m_arena).substr(stored.offset, stored.length);
    }
    void place(uint64_t hash, size_t entryIndex);
    const Entry* findHashed(std::string_view key, uint64_t hash) const;  // the index only
    static constexpr size_t kInitialEntries = 1024;

    std::vector<uint64_t> m_index;  // (hash >> 32) << 32 | (entry index + 1); 0: empty
    std::vector<Stored> m_entries;
    std::string m_arena;
    size_t m_capacity = 1u << 18;
    mutable size_t m_next = 0;  // the entry after the last hit: the likely next key
};

// Per-source parsing state. Without an interner every value comes out as a plain Sample.
struct ParseContext {
    EntityInterner* interner = nullptr;
    ParseLimits limits;
    KeyCache cache;
};

// Appends the samples found in one message to `out`; returns how many were appended.
// `receivedMs` stamps values that carry no "ts". Numbers of entities that could be interned go
// to out.numbers, the rest to out.samples. Called on the source's thread.
size_t parseMessage(std::string_view topic, std::string_view payload, int64_t receivedMs,
                    SampleBatch& out, IngestStats& stats, ParseContext& context);
// The same, everything as plain samples (tests, tools).
size_t parseMessage(std::string_view topic, std::string_view payload, int64_t receivedMs,
                    std::vector<Sample>& out, IngestStats& stats, const ParseLimits& limits = {});

// The topic a single value is published on.
std::string topicFor(std::string_view entity, Channel channel);
// Payload for one value: {"ts":…,"value":…}.
std::string encodeValue(const Value& value, int64_t tsMs);
// Payload for a batch on kBatchTopic; all samples share `tsMs` (per-sample ts is not encoded).
std::string encodeBatch(const std::vector<Sample>& samples, int64_t tsMs);

}  // namespace pt::data
