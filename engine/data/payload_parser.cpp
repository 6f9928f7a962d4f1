#include "data/payload_parser.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <new>
#include <nlohmann/json.hpp>

#include "core/result.h"
#include "data/json_reader.h"

namespace pt::data {
namespace {

using Json = nlohmann::json;

// Counts rejections straight away, or (for a batch) holds them until the batch as a whole has
// parsed: a batch that turns out not to be JSON counts once, not once per value read before.
class Rejects {
public:
    Rejects(IngestStats& stats, std::string_view topic, bool buffered)
        : m_stats(stats), m_topic(topic), m_buffered(buffered) {}
    void add(RejectKind kind, std::string detail = {}) {
        if (m_buffered) {
            m_pending.emplace_back(kind, std::move(detail));
        } else {
            m_stats.reject(kind, m_topic, detail);
        }
    }
    void clear() { m_pending.clear(); }
    void commit() {
        for (const auto& [kind, detail] : m_pending)
            m_stats.reject(kind, m_topic, detail);
        m_pending.clear();
    }

private:
    IngestStats& m_stats;
    std::string_view m_topic;
    bool m_buffered;
    std::vector<std::pair<RejectKind, std::string>> m_pending;
};

struct Target {
    std::string_view entity;
    Channel channel = Channel::Power;
    InternId id = kNoId;  // kNoId: emit a plain Sample
};

bool isNumberStart(char c) {
    return c == '-' || (c >= '0' && c <= '9');
}

// Splits "<entity>/<channel>" and validates both parts.
bool splitKey(std::string_view key, Rejects& rejects, Target& target) {
    const size_t slash = key.rfind('/');
    if (slash == std::string_view::npos || slash == 0) {
        rejects.add(RejectKind::BadTopic, strCat("no <entity>/<channel> in '", key, "'"));
        return false;
    }
    const auto channel = parseChannel(key.substr(slash + 1));
    if (!channel) {
        rejects.add(RejectKind::UnknownChannel, strCat("channel '", key.substr(slash + 1), "'"));
        return false;
    }
    target.entity = key.substr(0, slash);
    if (!isValidEntityId(target.entity)) {
        rejects.add(RejectKind::BadTopic, strCat("entity id '", target.entity, "'"));
        return false;
    }
    target.channel = *channel;
    return true;
}

// A key seen before costs one lookup; a new one is split, validated and interned once.
bool resolveKey(std::string_view key, ParseContext& context, Rejects& rejects, Target& target) {
    if (context.interner) {
        if (const KeyCache::Entry* hit = context.cache.find(key)) {
            target.entity = key.substr(0, key.rfind('/'));
            target.channel = hit->channel;
            target.id = hit->entity;
            return true;
        }
    }
    if (!splitKey(key, rejects, target)) return false;
    if (context.interner) {
        target.id = context.interner->intern(target.entity);
        if (target.id != kNoId) context.cache.insert(key, {target.id, target.channel});
    }
    return true;
}

inline bool checkRange(Channel channel, double v) {
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

[[gnu::noinline, gnu::cold]] bool rejectNumber(double v, Rejects& rejects) {
    if (!std::isfinite(v)) {
        rejects.add(RejectKind::NotFinite);
    } else {
        rejects.add(RejectKind::OutOfRange, strCat("value ", v));
    }
    return false;
}

inline bool checkNumber(Channel channel, double v, Rejects& rejects) {
    if (std::isfinite(v) && checkRange(channel, v)) return true;
    return rejectNumber(v, rejects);
}

void emitNumber(const Target& target, double v, int64_t ts, SampleBatch& out) {
    if (target.id != kNoId) {
        out.numbers.push_back(NumberSample{target.id, target.channel, v, ts});
    } else {
        out.samples.push_back(Sample{std::string(target.entity), target.channel, v, ts});
    }
}

void emit(const Target& target, Value value, int64_t ts, SampleBatch& out) {
    if (const double* d = std::get_if<double>(&value)) return emitNumber(target, *d, ts, out);
    out.samples.push_back(Sample{std::string(target.entity), target.channel, std::move(value), ts});
}

// ---- batches: streaming ----------------------------------------------------------------------

// {"x":…,"y":…,"z":…,"heading":…}; false only on a JSON syntax error. `valid` says whether x, y
// and z were numbers (heading is optional and ignored when it is not a number).
bool readPose(JsonReader& reader, Pose& pose, bool& valid) {
    valid = false;
    if (reader.peek() != '{') return reader.skipValue();
    reader.consume('{');
    bool haveX = false, haveY = false, haveZ = false;
    bool first = true;
    std::string_view key;
    std::string scratch;
    while (reader.nextKey(first, key, scratch)) {
        double* field = key == "x"         ? &pose.x
                        : key == "y"       ? &pose.y
                        : key == "z"       ? &pose.z
                        : key == "heading" ? &pose.heading
                                           : nullptr;
        if (!field || !isNumberStart(reader.peek())) {
            if (!reader.skipValue()) return false;
            continue;
        }
        if (!reader.readNumber(*field)) return false;
        haveX = haveX || field == &pose.x;
        haveY = haveY || field == &pose.y;
        haveZ = haveZ || field == &pose.z;
    }
    valid = haveX && haveY && haveZ;
    return reader.ok();
}

// A value of a numeric channel; false on a JSON syntax error.
bool readNumberValue(JsonReader& reader, const Target& target, SampleBatch& out, Rejects& rejects) {
    if (!isNumberStart(reader.peek())) {
        if (!reader.skipValue()) return false;
        rejects.add(RejectKind::WrongType, "expected a number");
        return true;
    }
    double v = 0;
    if (!reader.readNumber(v)) return false;
    if (checkNumber(target.channel, v, rejects)) emitNumber(target, v, 0, out);
    return true;
}

// The publisher's usual shape, read in one loop straight off the text: members
// `"<key>":<short decimal>` written compactly (no whitespace), whose keys are the cache's next
// entries (a publisher sends its keys in the same order every cycle; cached keys were
// validated as entity ids and channel names when inserted, so they hold nothing that needs
// escaping). Stops before the first member of any other shape, with nothing of it consumed,
// for the general paths in readBatchValues() to read. Returns the updated `first` (whether the
// object's first member is still to come).
bool readExpectedRun(JsonReader& reader, const KeyCache& cache, bool first, SampleBatch& out,
                     Rejects& rejects) {
    constexpr size_t kChunk = 128;
    struct Chunk {  // uninitialised storage: written before it is read
        union {
            NumberSample items[kChunk];
        };
        Chunk() {}
    } chunk;
    size_t count = 0;
    const char* p = reader.cursor();
    const char* const end = reader.end();
    std::string_view key;
    for (const KeyCache::Entry* expected; (expected = cache.expected(key)) != nullptr;) {
        if (valueKindOf(expected->channel) != ValueKind::Number) break;
        const char* q = first ? p : p + 1;
        const size_t n = key.size();
        if (end - q < ptrdiff_t(n + 3) || (!first && *p != ',') || q[0] != '"' || q[n + 1] != '"' ||
            q[n + 2] != ':' || !json::equalBytes(q + 1, key.data(), n)) {
            break;
        }
        double v = 0;
        const char* next = json::shortDecimal(q + n + 3, end, v);  // always finite
        if (!next) break;
        cache.takeExpected();
        p = next;
        first = false;
        if (!checkRange(expected->channel, v)) {
            rejectNumber(v, rejects);
            continue;
        }
        new (&chunk.items[count++]) NumberSample{expected->entity, expected->channel, v, 0};
        if (count == kChunk) {
            out.numbers.insert(out.numbers.end(), chunk.items, chunk.items + count);
            count = 0;
        }
    }
    out.numbers.insert(out.numbers.end(), chunk.items, chunk.items + count);
    reader.advanceTo(p);
    return first;
}

// The "values" object; false on a JSON syntax error.
bool readBatchValues(JsonReader& reader, ParseContext& context, SampleBatch& out,
                     Rejects& rejects) {
    reader.consume('{');
    bool first = true;
    std::string_view key;
    std::string keyScratch, valueScratch;
    for (;;) {
        if (context.interner) first = readExpectedRun(reader, context.cache, first, out, rejects);
        // The same expected key with whitespace around it or a value of another form: comparing
        // the text with the key still replaces scanning the key and looking it up.
        std::string_view expectedKey;
        const KeyCache::Entry* expected =
            context.interner ? context.cache.expected(expectedKey) : nullptr;
        if (expected && valueKindOf(expected->channel) == ValueKind::Number) {
            double v = 0;
            if (reader.nextNumberMemberIs(first, expectedKey, v)) {  // the common case
                context.cache.takeExpected();
                if (checkNumber(expected->channel, v, rejects))
                    out.numbers.push_back(NumberSample{expected->entity, expected->channel, v, 0});
                continue;
            }
            if (reader.nextKeyIs(first, expectedKey)) {  // the same key, another kind of value
                context.cache.takeExpected();
                const Target target{.channel = expected->channel, .id = expected->entity};
                if (!readNumberValue(reader, target, out, rejects)) return false;
                continue;
            }
        }
        if (!reader.nextKey(first, key, keyScratch)) break;
        Target target;
        if (!resolveKey(key, context, rejects, target)) {
            if (!reader.skipValue()) return false;
            continue;
        }
        const char next = reader.peek();
        switch (valueKindOf(target.channel)) {
            case ValueKind::Number: {
                if (!readNumberValue(reader, target, out, rejects)) return false;
                break;
            }
            case ValueKind::Enum: {
                std::string_view text;
                if (next != '"') {
                    if (!reader.skipValue()) return false;
                } else if (!reader.readString(text, valueScratch)) {
                    return false;
                }
                if (next != '"' || !isValidEnumValue(target.channel, text)) {
                    rejects.add(RejectKind::WrongType,
                                strCat("expected a ", channelName(target.channel), " name"));
                    break;
                }
                emit(target, std::string(text), 0, out);
                break;
            }
            case ValueKind::Pose: {
                Pose pose;
                bool valid = false;
                if (!readPose(reader, pose, valid)) return false;
                if (!valid) {
                    rejects.add(RejectKind::WrongType, "expected {x,y,z,heading}");
                } else if (!std::isfinite(pose.x + pose.y + pose.z + pose.heading)) {
                    rejects.add(RejectKind::NotFinite);
                } else {
                    emit(target, pose, 0, out);
                }
                break;
            }
        }
    }
    return reader.ok();
}

size_t parseBatch(std::string_view topic, std::string_view payload, int64_t receivedMs,
                  SampleBatch& out, IngestStats& stats, ParseContext& context) {
    const size_t numbers0 = out.numbers.size(), samples0 = out.samples.size();
    Rejects rejects(stats, topic, /*buffered=*/true);
    auto dropAppended = [&] {
        out.numbers.resize(numbers0);
        out.samples.resize(samples0);
        rejects.clear();
    };
    auto failWhole = [&](std::string_view why) {
        dropAppended();
        stats.reject(RejectKind::BadPayload, topic, why);
        return size_t(0);
    };
    JsonReader reader(payload);
    if (reader.peek() != '{') {
        JsonReader probe(payload);
        const bool json = probe.skipValue() && probe.atEnd();
        return failWhole(json ? "batch is not an object" : "batch is not valid JSON");
    }
    reader.consume('{');
    int64_t ts = receivedMs;
    std::string tsError;
    bool haveValues = false;
    bool first = true;
    std::string_view key;
    std::string keyScratch;
    while (reader.nextKey(first, key, keyScratch)) {
        if (key == "ts") {
            double d = 0;
            if (!isNumberStart(reader.peek())) {
                if (!reader.skipValue()) return failWhole("batch is not valid JSON");
                tsError = "\"ts\" is not a number";
            } else if (!reader.readNumber(d)) {
                return failWhole("batch is not valid JSON");
            } else if (!std::isfinite(d)) {
                tsError = "\"ts\" is not a number";
            } else if (d < 0 || d > 9.0e15) {
                tsError = "\"ts\" out of range";
            } else {
                ts = int64_t(d);
                tsError.clear();
            }
        } else if (key == "values") {
            dropAppended();  // a repeated "values" replaces the earlier one, as in a DOM
            haveValues = reader.peek() == '{';
            const bool ok =
                haveValues ? readBatchValues(reader, context, out, rejects) : reader.skipValue();
            if (!ok) return failWhole("batch is not valid JSON");
        } else if (!reader.skipValue()) {
            return failWhole("batch is not valid JSON");
        }
    }
    if (!reader.ok() || !reader.atEnd()) return failWhole("batch is not valid JSON");
    if (!tsError.empty()) return failWhole(tsError);
    if (!haveValues) return failWhole("batch without a \"values\" object");
    for (size_t i = numbers0; i < out.numbers.size(); ++i)
        out.numbers[i].tsMs = ts;
    for (size_t i = samples0; i < out.samples.size(); ++i)
        out.samples[i].tsMs = ts;
    rejects.commit();
    return out.size() - numbers0 - samples0;
}

// ---- single values: one per message, through nlohmann::json ----------------------------------

// Converts a JSON value to the channel's value type, counting the reason when it cannot.
bool toValue(const Json& j, Channel channel, Rejects& rejects, Value& out) {
    switch (valueKindOf(channel)) {
        case ValueKind::Number: {
            if (!j.is_number()) {
                rejects.add(RejectKind::WrongType, "expected a number");
                return false;
            }
            const double v = j.get<double>();
            if (!checkNumber(channel, v, rejects)) return false;
            out = v;
            return true;
        }
        case ValueKind::Enum: {
            if (!j.is_string() || !isValidEnumValue(channel, j.get_ref<const std::string&>())) {
                rejects.add(RejectKind::WrongType,
                            strCat("expected a ", channelName(channel), " name"));
                return false;
            }
            out = j.get<std::string>();
            return true;
        }
        case ValueKind::Pose: {
            Pose pose;
            auto number = [](const Json& v, double& d) {
                if (!v.is_number()) return false;
                d = v.get<double>();
                return true;
            };
            if (!j.is_object() || !number(j.value("x", Json()), pose.x) ||
                !number(j.value("y", Json()), pose.y) || !number(j.value("z", Json()), pose.z)) {
                rejects.add(RejectKind::WrongType, "expected {x,y,z,heading}");
                return false;
            }
            number(j.value("heading", Json(0.0)), pose.heading);
            if (!std::isfinite(pose.x + pose.y + pose.z + pose.heading)) {
                rejects.add(RejectKind::NotFinite);
                return false;
            }
            out = pose;
            return true;
        }
    }
    return false;
}

// A bare number payload ("41.7"). from_chars accepts "nan" and "inf", so checkNumber() is what
// keeps them out.
bool parseBareNumber(std::string_view payload, double& out) {
    while (!payload.empty() && (payload.front() == ' ' || payload.front() == '\n'))
        payload.remove_prefix(1);
    while (!payload.empty() && (payload.back() == ' ' || payload.back() == '\n'))
        payload.remove_suffix(1);
    if (payload.empty()) return false;
    const auto [end, ec] = std::from_chars(payload.data(), payload.data() + payload.size(), out);
    return ec == std::errc() && end == payload.data() + payload.size();
}

bool readTs(const Json& doc, int64_t receivedMs, Rejects& rejects, int64_t& ts) {
    ts = receivedMs;
    const auto it = doc.find("ts");
    if (it == doc.end()) return true;
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
        rejects.add(RejectKind::BadPayload, "\"ts\" is not a number");
        return false;
    }
    const double tsd = it->get<double>();
    if (tsd < 0 || tsd > 9.0e15) {
        rejects.add(RejectKind::BadPayload, "\"ts\" out of range");
        return false;
    }
    ts = int64_t(tsd);
    return true;
}

size_t parseSingle(std::string_view topic, std::string_view payload, int64_t receivedMs,
                   SampleBatch& out, IngestStats& stats, ParseContext& context) {
    Rejects rejects(stats, topic, /*buffered=*/false);
    Target target;
    if (!resolveKey(topic.substr(kTopicPrefix.size()), context, rejects, target)) return 0;
    double bare = 0;
    if (valueKindOf(target.channel) == ValueKind::Number && parseBareNumber(payload, bare)) {
        if (!checkNumber(target.channel, bare, rejects)) return 0;
        emitNumber(target, bare, receivedMs, out);
        return 1;
    }
    const Json doc = Json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("value")) {
        rejects.add(RejectKind::BadPayload, "expected {\"ts\":…,\"value\":…}");
        return 0;
    }
    int64_t ts = receivedMs;
    Value value;
    if (!readTs(doc, receivedMs, rejects, ts)) return 0;
    if (!toValue(doc["value"], target.channel, rejects, value)) return 0;
    emit(target, std::move(value), ts, out);
    return 1;
}

Json toJson(const Value& value) {
    if (const double* d = std::get_if<double>(&value)) return *d;
    if (const std::string* s = std::get_if<std::string>(&value)) return *s;
    const Pose& p = std::get<Pose>(value);
    return Json{{"x", p.x}, {"y", p.y}, {"z", p.z}, {"heading", p.heading}};
}

}  // namespace

namespace {

// A hash for short keys, eight bytes per step (the ids of a park are ~15-30 characters; hashing
// them byte by byte was a visible share of the per-value cost). Not meant to resist crafted
// collisions; the cache is bounded, so the worst case is slow, not unbounded.
uint64_t keyHash(std::string_view key) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ key.size();
    const char* p = key.data();
    size_t n = key.size();
    auto mix = [&](uint64_t w, uint64_t m) {
        h = (h ^ w) * m;
        h ^= h >> 31;
    };
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w = 0;
        std::memcpy(&w, p, 8);
        mix(w, 0xBF58476D1CE4E5B9ull);
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    mix(tail, 0x94D049BB133111EBull);
    return h ^ (h >> 29);
}

}  // namespace

const KeyCache::Entry* KeyCache::find(std::string_view key) const {
    if (m_next < m_entries.size()) {
        const Stored& guess = m_entries[m_next];
        if (guess.length == key.size() && keyOf(guess) == key) {
            ++m_next;
            return &guess.entry;
        }
    }
    if (m_index.empty()) return nullptr;
    return findHashed(key, keyHash(key));
}

const KeyCache::Entry* KeyCache::findHashed(std::string_view key, uint64_t hash) const {
    const uint64_t tag = hash >> 32;
    const size_t mask = m_index.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const uint64_t slot = m_index[i];
        if (slot == 0) return nullptr;
        if (slot >> 32 != tag) continue;
        const Stored& stored = m_entries[(slot & 0xFFFFFFFFu) - 1];
        if (stored.hash == hash && stored.length == key.size() && keyOf(stored) == key) {
            m_next = (slot & 0xFFFFFFFFu);  // the entry after this one
            return &stored.entry;
        }
    }
}

void KeyCache::place(uint64_t hash, size_t entryIndex) {
    const size_t mask = m_index.size() - 1;
    size_t i = hash & mask;
    while (m_index[i] != 0)
        i = (i + 1) & mask;
    m_index[i] = (hash >> 32) << 32 | uint64_t(entryIndex + 1);
}

void KeyCache::insert(std::string_view key, Entry entry) {
    if (key.empty() || key.size() > UINT32_MAX) return;
    const uint64_t hash = keyHash(key);  // once: for the check and the new entry
    if (!m_index.empty() && findHashed(key, hash)) return;
    if (m_entries.size() >= m_capacity || m_entries.size() >= UINT32_MAX - 1 ||
        m_arena.size() + key.size() > UINT32_MAX) {
        m_index.clear();  // a flood of new keys: start over
        m_entries.clear();
        m_arena.clear();
    }
    if ((m_entries.size() + 1) * 2 > m_index.size()) {
        m_index.assign(std::max<size_t>(kInitialEntries * 2, m_index.size() * 2), 0);
        for (size_t e = 0; e < m_entries.size(); ++e)
            place(m_entries[e].hash, e);
        // Room for as many entries as the index was sized for: one regrowth copy each time
        // the index doubles, none in between.
        m_entries.reserve(std::min(m_capacity, m_index.size() / 2));
    }
    Stored& stored = m_entries.emplace_back();
    stored.hash = hash;
    stored.length = uint32_t(key.size());
    stored.entry = entry;
    if (key.size() <= kInlineKey) {
        std::memcpy(stored.key, key.data(), key.size());
    } else {
        stored.offset = uint32_t(m_arena.size());
        m_arena.append(key);
    }
    place(stored.hash, m_entries.size() - 1);
}

size_t parseMessage(std::string_view topic, std::string_view payload, int64_t receivedMs,
                    SampleBatch& out, IngestStats& stats, ParseContext& context) {
    if (payload.size() > context.limits.maxPayloadBytes) {
        stats.reject(RejectKind::Oversized, topic, strCat(payload.size(), " bytes"));
        return 0;
    }
    if (!topic.starts_with(kTopicPrefix)) {
        stats.reject(RejectKind::BadTopic, topic, "expected parktwin/v1/…");
        return 0;
    }
    if (topic == kBatchTopic) return parseBatch(topic, payload, receivedMs, out, stats, context);
    return parseSingle(topic, payload, receivedMs, out, stats, context);
}

size_t parseMessage(std::string_view topic, std::string_view payload, int64_t receivedMs,
                    std::vector<Sample>& out, IngestStats& stats, const ParseLimits& limits) {
    ParseContext context{.limits = limits};
    SampleBatch batch;
    batch.samples = std::move(out);
    const size_t added = parseMessage(topic, payload, receivedMs, batch, stats, context);
    out = std::move(batch.samples);  // no interner: nothing went to batch.numbers
    return added;
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
