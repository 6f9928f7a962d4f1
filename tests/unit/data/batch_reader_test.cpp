// The streaming batch path: JsonReader, the batch parser on top of it, interning through the
// KeyCache, and the Ingestor's interned fast path.
#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>

#include "data/ingestor.h"
#include "data/json_reader.h"
#include "data/payload_parser.h"

using namespace pt::data;

namespace {

std::vector<Sample> parseBatch(std::string_view payload, IngestStats& stats) {
    std::vector<Sample> out;
    parseMessage(kBatchTopic, payload, 1000, out, stats);
    return out;
}

bool readsNumber(std::string_view text, double& out) {
    JsonReader r(text);
    return r.readNumber(out) && r.atEnd();
}

bool skips(std::string_view text) {
    JsonReader r(text);
    return r.skipValue() && r.atEnd();
}

}  // namespace

TEST_CASE("json reader: numbers follow the JSON grammar", "[data][parser][json]") {
    double v = 0;
    CHECK((readsNumber("0", v) && v == 0));
    CHECK((readsNumber("-12.5e2", v) && v == -1250));
    CHECK((readsNumber("1764312000123", v) && v == 1764312000123.0));
    CHECK((readsNumber("1E+3", v) && v == 1000));
    CHECK((readsNumber("1e999", v) && std::isinf(v) && v > 0));
    CHECK((readsNumber("-1e999", v) && std::isinf(v) && v < 0));
    CHECK((readsNumber("1e-999", v) && v == 0));
    for (std::string_view bad :
         {"01", "1.", ".5", "+1", "-", "1e", "1e+", "nan", "Infinity", "0x10"})
        CHECK_FALSE(readsNumber(bad, v));
}

TEST_CASE("json reader: short decimals (the eight-at-a-time path) read as from_chars does",
          "[data][parser][json]") {
    // Padded so that the reader has room for its eight-character loads: the fast path is taken
    // wherever the number has the shape it handles, the general path everywhere else.
    auto read = [](const std::string& number, double& out, char& next) {
        const std::string text = number + ",                  ";
        JsonReader r(text);
        if (!r.readNumber(out)) return false;
        next = r.peek();
        return true;
    };
    uint64_t state = 12345;
    auto random = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return state >> 33;
    };
    std::vector<std::string> numbers = {"0",
                                        "-0",
                                        "0.5",
                                        "-0.0",
                                        "7",
                                        "1234567",
                                        "12345678",
                                        "1234567.1234567",
                                        "9999999.9999999",
                                        "0.0000001",
                                        "1.12345678",
                                        "-3.25",
                                        "12.50",
                                        "100",
                                        "1764312000123"};
    for (int i = 0; i < 20'000; ++i) {
        const int integerDigits = int(random() % 9) + 1, fractionDigits = int(random() % 9);
        std::string n = random() % 4 == 0 ? "-" : "";
        for (int d = 0; d < integerDigits; ++d)
            n += char('0' + (d == 0 && integerDigits > 1 ? 1 + random() % 9 : random() % 10));
        if (fractionDigits > 0) n += '.';
        for (int d = 0; d < fractionDigits; ++d)
            n += char('0' + random() % 10);
        numbers.push_back(n);
    }
    for (const std::string& n : numbers) {
        double got = 0, want = 0;
        char next = 0;
        REQUIRE(read(n, got, next));
        REQUIRE(std::from_chars(n.data(), n.data() + n.size(), want).ec == std::errc());
        INFO(n);
        REQUIRE(std::signbit(got) == std::signbit(want));
        REQUIRE(got == want);  // bit for bit: one correctly rounded division either way
        REQUIRE(next == ',');  // consumed exactly the number
    }
    double v = 0;
    char next = 0;
    for (const std::string bad : {"01.5", "00", "-", "1.", "-.5", ".5", "1.e3", "+1", "1-2",
                                  "1.2.3", "--1", "-0-", "0.-5", ".", "-01"}) {
        INFO(bad);
        const bool ok = read(bad, v, next);
        CHECK((!ok || next != ','));  // refused, or stopped before the junk (e.g. "0" of "01.5")
    }
    CHECK((read("1.5e3", v, next) && v == 1500 && next == ','));  // exponents: general path
    CHECK((read("-2E-2", v, next) && v == -0.02 && next == ','));
    // Near the end of the text (no room for the loads) the general path reads the same.
    CHECK((readsNumber("412.5", v) && v == 412.5));
    CHECK((readsNumber("-0.125", v) && v == -0.125));
}

TEST_CASE("json reader: strings, escapes, nesting, syntax errors", "[data][parser][json]") {
    std::string scratch;
    std::string_view s;
    JsonReader plain(R"("gm/A1")");
    REQUIRE(plain.readString(s, scratch));
    CHECK(s == "gm/A1");
    JsonReader escaped(R"("a\"b\\c\/d\n\u00e9\ud83d\ude00")");
    REQUIRE(escaped.readString(s, scratch));
    CHECK(s == "a\"b\\c/d\n\xc3\xa9\xf0\x9f\x98\x80");
    for (std::string_view bad : {R"("\x")", R"("\ud83d")", R"("\ude00")", "\"a\nb\"", R"("open)"})
        CHECK_FALSE(skips(bad));

    CHECK(skips(R"({"a": [1, {"b": null}, true, false, "x"], "c": {}})"));
    CHECK(skips("[]"));
    CHECK_FALSE(skips(R"({"a": 1,})"));
    CHECK_FALSE(skips(R"({"a" 1})"));
    CHECK_FALSE(skips("[1 2]"));
    CHECK_FALSE(skips("tru"));
    CHECK_FALSE(skips("{} x"));
    CHECK(skips(std::string(JsonReader::kMaxDepth, '[') + std::string(JsonReader::kMaxDepth, ']')));
    CHECK_FALSE(skips(std::string(JsonReader::kMaxDepth + 2, '[') +
                      std::string(JsonReader::kMaxDepth + 2, ']')));
}

TEST_CASE("batch: any member order, unknown members skipped, escaped keys", "[data][parser]") {
    IngestStats stats;
    auto s = parseBatch(R"({"source": {"fw": [1, 2], "ok": true},
                            "values": {"gm\/A1\/F1\/U1/power": 2.5, "gm/A1/F1/U2/occupancy": 3},
                            "ts": 1764312000123})",
                        stats);
    REQUIRE(s.size() == 2);
    CHECK(s[0].entity == "gm/A1/F1/U1");  // \/ decoded
    CHECK(std::get<double>(s[0].value) == 2.5);
    CHECK(s[0].tsMs == 1764312000123);  // "ts" after "values" still stamps them
    CHECK(s[1].tsMs == 1764312000123);
    CHECK(stats.rejectedTotal() == 0);
    // No "ts": the receive time.
    auto r = parseBatch(R"({"values": {"gm/A1/power": 1}})", stats);
    REQUIRE(r.size() == 1);
    CHECK(r[0].tsMs == 1000);
    // A repeated "values" replaces the first, as a DOM would.
    auto d = parseBatch(R"({"values": {"gm/A1/power": 1}, "values": {"gm/A2/power": 2}})", stats);
    REQUIRE(d.size() == 1);
    CHECK(d[0].entity == "gm/A2");
}

TEST_CASE("batch: values of every kind, bad ones counted by kind", "[data][parser]") {
    IngestStats stats;
    auto s = parseBatch(R"({"ts": 5, "values": {
        "gm/drone/D1/pose": {"x": 1, "y": -2, "z": 30.5, "heading": 90, "extra": [1]},
        "gm/drone/D2/pose": {"x": 1, "y": 2},
        "gm/drone/D1/state": "Enroute",
        "gm/drone/D3/state": 4,
        "gm/ev/P1/C1/status": "Exploded",
        "gm/A1/power": "high",
        "gm/A2/power": [1],
        "gm/A3/power": 1e999,
        "gm/A4/occupancy": -1,
        "gm/drone/D1/battery": 101,
        "gm/A5/bogus": 1,
        "gm//A6/power": 1,
        "nochannel": 1,
        "gm/A7/power": -0.5}})",
                        stats);
    REQUIRE(s.size() == 3);
    CHECK(std::get<Pose>(s[0].value) == Pose{1, -2, 30.5, 90});
    CHECK(std::get<std::string>(s[1].value) == "Enroute");
    CHECK(std::get<double>(s[2].value) == -0.5);
    CHECK(stats.rejected(RejectKind::WrongType) == 5);  // D2 pose, D3 state, status, "high", [1]
    CHECK(stats.rejected(RejectKind::NotFinite) == 1);
    CHECK(stats.rejected(RejectKind::OutOfRange) == 2);
    CHECK(stats.rejected(RejectKind::UnknownChannel) == 1);
    CHECK(stats.rejected(RejectKind::BadTopic) == 2);
    CHECK(stats.rejected(RejectKind::BadPayload) == 0);
}

TEST_CASE("batch: a batch that fails as a whole yields nothing and counts once", "[data][parser]") {
    IngestStats stats;
    // Good values, then a bad value type and a syntax error: nothing, one BadPayload only.
    CHECK(parseBatch(
              R"({"ts": 5, "values": {"gm/A1/power": 1, "gm/A2/power": "x", "gm/A3/power": 2,)",
              stats)
              .empty());
    CHECK(parseBatch(R"({"values": {"gm/A1/power": 1}} trailing)", stats).empty());
    CHECK(parseBatch(R"({"values": {"gm/A1/power": 1}, "ts": "later"})", stats).empty());
    CHECK(parseBatch(R"({"values": {"gm/A1/power": 1}, "ts": -5})", stats).empty());
    CHECK(parseBatch(R"({"ts": 5})", stats).empty());
    CHECK(parseBatch(R"({"ts": 5, "values": [1]})", stats).empty());
    CHECK(parseBatch(R"([1, 2, 3])", stats).empty());
    CHECK(parseBatch("", stats).empty());
    CHECK(parseBatch("\xff\xfe", stats).empty());
    CHECK(parseBatch(R"({"values": {"gm/A1/power": NaN}})", stats).empty());
    CHECK(stats.rejected(RejectKind::BadPayload) == 10);
    CHECK(stats.rejectedTotal() == 10);  // the "x" of the first batch was not counted
}

TEST_CASE("batch: interned numbers match the plain samples", "[data][parser][intern]") {
    const std::string payload = R"({"ts": 9, "values": {"gm/A1/F1/U1/power": 1.5,
        "gm/A1/F1/U2/power": 2.5, "gm/A1/F1/U1/occupancy": 3, "gm/ev/P1/C1/status": "Charging",
        "gm/A1/F1/U3/bogus": 1}})";
    IngestStats plainStats, internStats;
    std::vector<Sample> plain;
    parseMessage(kBatchTopic, payload, 0, plain, plainStats);

    EntityInterner interner;
    ParseContext context{.interner = &interner};
    SampleBatch batch;
    for (int pass = 0; pass < 2; ++pass) {  // the second pass is served by the key cache
        batch.clear();
        CHECK(parseMessage(kBatchTopic, payload, 0, batch, internStats, context) == 4);
        REQUIRE(batch.numbers.size() == 3);
        REQUIRE(batch.samples.size() == 1);  // enums stay plain
        CHECK(batch.samples[0].entity == "gm/ev/P1/C1");
        for (size_t i = 0; i < 3; ++i) {
            CHECK(interner.name(batch.numbers[i].entity) == plain[i].entity);
            CHECK(batch.numbers[i].channel == plain[i].channel);
            CHECK(batch.numbers[i].value == std::get<double>(plain[i].value));
            CHECK(batch.numbers[i].tsMs == 9);
        }
        CHECK(batch.numbers[0].entity == batch.numbers[2].entity);  // U1 interned once
    }
    CHECK(interner.size() == 3);       // U1, U2 and the charger
    CHECK(context.cache.size() == 4);  // the four valid keys; the bad one is not cached
    CHECK(internStats.rejected(RejectKind::UnknownChannel) == 2);  // counted on every pass
    // Single-value topics use the same cache.
    batch.clear();
    CHECK(parseMessage("parktwin/v1/gm/A1/F1/U1/power", "7", 3, batch, internStats, context) == 1);
    REQUIRE(batch.numbers.size() == 1);
    CHECK(interner.name(batch.numbers[0].entity) == "gm/A1/F1/U1");
}

TEST_CASE("batch: a warm key cache (the expected-key path) changes no result",
          "[data][parser][intern]") {
    // Every odd case at a key the cache expects next: other value kinds, exponents, out of
    // range, not finite, whitespace, a repeated key, a key that only starts like the expected
    // one, and a key longer than the inline ones.
    const std::string longEntity = "gm/" + std::string(50, 'L');
    const std::string payload = R"({"ts": 9, "values": {"gm/A1/F1/U1/power": 1.5,
        "gm/A1/F1/U2/power" : "high", "gm/A1/F1/U3/occupancy": -2,
        "gm/A1/F1/U4/power": 1e999, "gm/A1/F1/U5/power": 2.5e1, "gm/A1/F1/U6/battery": 101,
        "gm/A1/F1/U7/power"  :  	7.25 , "gm/A1/F1/U1/power": 1.75, "gm/A1/F1/U8/power": 12345678.5,
        "gm/A1/F1/U9/power": -0.5, "gm/A1/F1/U99/power": 3, ")" +
                                longEntity + R"(/power": 4.5, "gm/ev/P1/C1/status": "Charging",
        "gm/A1/F1/U10/temperature": 21.125}})";
    const std::string reordered = R"({"ts": 9, "values": {"gm/A1/F1/U9/power": -0.5,
        "gm/A1/F1/U1/power": 1.5, "gm/A1/F1/U7/power": 7.25}})";
    IngestStats plainStats;
    std::vector<Sample> plain;
    parseMessage(kBatchTopic, payload, 0, plain, plainStats);
    REQUIRE(plain.size() == 10);

    EntityInterner interner;
    ParseContext context{.interner = &interner};
    for (int pass = 0; pass < 3; ++pass) {  // the cache is cold, then warm
        IngestStats stats;
        SampleBatch batch;
        REQUIRE(parseMessage(kBatchTopic, payload, 0, batch, stats, context) == plain.size());
        REQUIRE(batch.numbers.size() == plain.size() - 1);
        std::vector<Sample> merged;  // numbers in payload order, the one enum in its place
        for (const NumberSample& n : batch.numbers)
            merged.push_back(
                Sample{std::string(interner.name(n.entity)), n.channel, n.value, n.tsMs});
        merged.insert(merged.begin() + 8, batch.samples.at(0));
        for (size_t i = 0; i < plain.size(); ++i) {
            INFO("pass " << pass << " value " << i);
            CHECK(merged[i].entity == plain[i].entity);
            CHECK(merged[i].channel == plain[i].channel);
            CHECK(merged[i].value == plain[i].value);
            CHECK(merged[i].tsMs == 9);
        }
        for (const RejectKind kind : {RejectKind::WrongType, RejectKind::OutOfRange,
                                      RejectKind::NotFinite, RejectKind::BadPayload}) {
            CHECK(stats.rejected(kind) == plainStats.rejected(kind));
        }
        CHECK(stats.rejected(RejectKind::OutOfRange) == 2);
        // Another order in between: the guesses miss and the lookups must still be right.
        SampleBatch other;
        REQUIRE(parseMessage(kBatchTopic, reordered, 0, other, stats, context) == 3);
        CHECK(interner.name(other.numbers[0].entity) == "gm/A1/F1/U9");
        CHECK(other.numbers[0].value == -0.5);
        CHECK(interner.name(other.numbers[2].entity) == "gm/A1/F1/U7");
    }
}

TEST_CASE("key cache and interner are bounded", "[data][parser][intern]") {
    KeyCache cache(4);
    const std::string longKey = "gm/" + std::string(60, 'x') + "/power";  // beyond the inline key
    cache.insert(longKey, {7, Channel::Power});
    for (uint32_t i = 0; i < 3; ++i)
        cache.insert("gm/U" + std::to_string(i) + "/power", {i, Channel::Power});
    REQUIRE(cache.find(longKey));
    CHECK(cache.find(longKey)->entity == 7);
    CHECK(cache.find("gm/U2/power")->entity == 2);
    CHECK_FALSE(cache.find("gm/U3/power"));
    cache.insert("gm/U3/power", {3, Channel::Power});  // full: starts over
    CHECK(cache.size() == 1);
    CHECK(cache.find("gm/U3/power")->entity == 3);
    CHECK_FALSE(cache.find(longKey));

    EntityInterner interner(2);
    CHECK(interner.intern("gm/A") == 0);
    CHECK(interner.intern("gm/B") == 1);
    CHECK(interner.intern("gm/A") == 0);
    CHECK(interner.intern("gm/C") == kNoId);
    // Past the bound, numbers come out as plain samples: nothing is lost.
    ParseContext context{.interner = &interner};
    SampleBatch batch;
    IngestStats stats;
    parseMessage(kBatchTopic, R"({"values": {"gm/A/power": 1, "gm/C/power": 2}})", 0, batch, stats,
                 context);
    REQUIRE(batch.numbers.size() == 1);
    REQUIRE(batch.samples.size() == 1);
    CHECK(batch.samples[0].entity == "gm/C");
}

TEST_CASE("key cache: a source's cache outlives it in the queue", "[data][parser][intern]") {
    IngestQueue queue;
    IngestStats stats;
    const std::string payload =
        R"({"ts":5,"values":{"gm/A1/F1/U1/power":1.5,"gm/A1/F1/U2/power":-2.25,"gm/A1/F1/U1/temperature":20.0}})";
    SampleBatch first, second;
    {
        ParseContext context{.interner = &queue.interner(), .cache = queue.takeKeyCache()};
        CHECK(context.cache.size() == 0);
        parseMessage(kBatchTopic, payload, 0, first, stats, context);
        CHECK(context.cache.size() == 3);
        queue.keepKeyCache(std::move(context.cache));  // what MqttSource does when it goes
    }
    ParseContext next{.interner = &queue.interner(), .cache = queue.takeKeyCache()};
    CHECK(next.cache.size() == 3);
    CHECK(queue.takeKeyCache().size() == 0);  // taken: a second source starts empty
    parseMessage(kBatchTopic, payload, 0, second, stats, next);
    CHECK(next.cache.size() == 3);  // served from the cache: nothing new
    REQUIRE(second.numbers.size() == 3);
    for (size_t i = 0; i < 3; ++i) {
        CHECK(second.numbers[i].entity == first.numbers[i].entity);
        CHECK(second.numbers[i].channel == first.numbers[i].channel);
        CHECK(second.numbers[i].value == first.numbers[i].value);
        CHECK(second.numbers[i].tsMs == 5);
    }
    CHECK(queue.interner().name(second.numbers[1].entity) == "gm/A1/F1/U2");
    CHECK(second.numbers[1].value == -2.25);
    // The larger of two returned caches is kept.
    queue.keepKeyCache(std::move(next.cache));
    queue.keepKeyCache(KeyCache());
    CHECK(queue.takeKeyCache().size() == 3);
    CHECK(stats.rejectedTotal() == 0);
}

TEST_CASE("ingestor: interned numbers get the same checks as plain samples", "[data][ingest]") {
    TelemetryStore store;
    ManualClock clock(1'000'000);
    bool acceptNew = false;
    Ingestor ingest(store, clock,
                    IngestOptions{.entityValidator =
                                      [&](std::string_view id) {
                                          return id.starts_with("gm/") &&
                                                 (acceptNew || id != "gm/New");
                                      },
                                  .maxFutureSkewMs = 5000});
    ParseContext context{.interner = &ingest.queue().interner()};
    SampleBatch batch;
    auto feed = [&](std::string_view payload) {
        batch.clear();
        parseMessage(kBatchTopic, payload, 0, batch, ingest.stats(), context);
        ingest.queue().push(batch);
        return ingest.drain();
    };
    CHECK(
        feed(
            R"({"ts": 999000, "values": {"gm/A1/power": 10, "xx/A1/power": 1, "gm/New/power": 1}})") ==
        1);
    CHECK(ingest.stats().rejected(RejectKind::UnknownEntity) == 2);
    CHECK(store.find("xx/A1") == kNoEntity);
    CHECK(feed(R"({"ts": 998000, "values": {"gm/A1/power": 9}})") == 0);  // older
    CHECK(ingest.stats().rejected(RejectKind::OutOfOrder) == 1);
    CHECK(feed(R"({"ts": 1060000, "values": {"gm/A1/power": 11}})") == 0);  // future
    CHECK(ingest.stats().rejected(RejectKind::FutureTimestamp) == 1);
    acceptNew = true;  // the park model gained the entity: it is asked again, not remembered
    CHECK(feed(R"({"ts": 999500, "values": {"gm/A1/power": 12, "gm/New/power": 3}})") == 2);
    CHECK(std::get<double>(store.latest(store.find("gm/A1"), Channel::Power)->value) == 12.0);
    CHECK(std::get<double>(store.latest(store.find("gm/New"), Channel::Power)->value) == 3.0);
    CHECK(ingest.stats().accepted() == 3);
}

TEST_CASE("queue: batches overflow and count, drain to plain samples", "[data][queue]") {
    IngestStats stats;
    IngestQueue queue(3, &stats);
    const InternId a = queue.interner().intern("gm/A");
    SampleBatch batch;
    batch.numbers = {{a, Channel::Power, 1, 10}, {a, Channel::Power, 2, 11}};
    batch.samples = {Sample{"gm/B", Channel::Status, std::string("Charging"), 12},
                     Sample{"gm/C", Channel::Status, std::string("Faulted"), 13}};
    CHECK(queue.push(batch) == 3);
    CHECK(batch.empty());
    CHECK(stats.rejected(RejectKind::QueueFull) == 1);
    std::vector<Sample> out;
    CHECK(queue.drain(out) == 3);
    REQUIRE(out.size() == 3);
    CHECK(out[0].entity == "gm/B");
    CHECK(out[1].entity == "gm/A");
    CHECK(std::get<double>(out[2].value) == 2);
    CHECK(out[2].tsMs == 11);
    CHECK(queue.size() == 0);
}

TEST_CASE("key cache: the same answers in publish order, shuffled, and with near-miss keys",
          "[data][parser][intern]") {
    KeyCache cache;
    std::vector<std::string> keys;
    for (uint32_t i = 0; i < 300; ++i) {
        keys.push_back("gm/A" + std::to_string(i % 7) + "/U" + std::to_string(i) + "/power");
        cache.insert(keys.back(), {i, Channel::Power});
    }
    auto check = [&](const std::vector<uint32_t>& order) {
        for (const uint32_t i : order) {
            const KeyCache::Entry* hit = cache.find(keys[i]);
            REQUIRE(hit);
            REQUIRE(hit->entity == i);
            // Same length, one character off: never the guessed next entry's answer.
            std::string near = keys[(i + 1) % keys.size()];
            near.back() = 'X';
            REQUIRE_FALSE(cache.find(near));
        }
    };
    std::vector<uint32_t> order(keys.size());
    for (uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    check(order);  // the order they were first seen in: each find guesses right
    check(order);
    std::vector<uint32_t> shuffled = order;
    for (size_t i = 0; i < shuffled.size(); ++i)  // a fixed permutation
        std::swap(shuffled[i], shuffled[(i * 7919 + 13) % shuffled.size()]);
    check(shuffled);
    std::reverse(order.begin(), order.end());
    check(order);
}
