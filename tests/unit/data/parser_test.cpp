#include <catch2/catch.hpp>
#include <cmath>

#include "data/payload_parser.h"

using namespace pt::data;

namespace {
std::vector<Sample> parse(std::string_view topic, std::string_view payload, IngestStats& stats) {
    std::vector<Sample> out;
    parseMessage(topic, payload, 1000, out, stats, ParseLimits{.maxPayloadBytes = 4096});
    return out;
}
}  // namespace

TEST_CASE("parser: single value as JSON and as a bare number", "[data][parser]") {
    IngestStats stats;
    auto a = parse("parktwin/v1/gm/A3/F12/U1203/power", R"({"ts": 1764312000123, "value": 41.7})",
                   stats);
    REQUIRE(a.size() == 1);
    CHECK(a[0].entity == "gm/A3/F12/U1203");
    CHECK(a[0].channel == Channel::Power);
    CHECK(std::get<double>(a[0].value) == Approx(41.7));
    CHECK(a[0].tsMs == 1764312000123);
    auto b = parse("parktwin/v1/gm/A3/occupancy", " 12 ", stats);
    REQUIRE(b.size() == 1);
    CHECK(std::get<double>(b[0].value) == 12);
    CHECK(b[0].tsMs == 1000);  // receive time when the payload has no ts
    auto c = parse("parktwin/v1/gm/ev/P1/C07/status", R"({"value":"Charging"})", stats);
    REQUIRE(c.size() == 1);
    CHECK(std::get<std::string>(c[0].value) == "Charging");
    auto d = parse("parktwin/v1/gm/drone/D04/pose",
                   R"({"ts":5,"value":{"x":1,"y":2,"z":30.5,"heading":90}})", stats);
    REQUIRE(d.size() == 1);
    CHECK(std::get<Pose>(d[0].value) == Pose{1, 2, 30.5, 90});
    CHECK(stats.rejectedTotal() == 0);
}

TEST_CASE("parser: batches keep the good values of a partly bad batch", "[data][parser]") {
    IngestStats stats;
    auto s = parse("parktwin/v1/batch",
                   R"({"ts": 77, "values": {"gm/A1/F1/U1/power": 3.5, "gm/A1/F1/U2/occupancy": 4,
                       "gm/A1/F1/U3/bogus": 1, "gm/A1/F1/U4/power": "high",
                       "gm/ev/P1/C01/status": "Faulted"}})",
                   stats);
    REQUIRE(s.size() == 3);
    CHECK(s[0].tsMs == 77);
    CHECK(stats.rejected(RejectKind::UnknownChannel) == 1);
    CHECK(stats.rejected(RejectKind::WrongType) == 1);
}

TEST_CASE("parser: garbage is counted per kind and never produces samples", "[data][parser]") {
    IngestStats stats;
    CHECK(parse("other/v1/gm/A3/power", "1", stats).empty());
    CHECK(parse("parktwin/v1/power", "1", stats).empty());
    CHECK(parse("parktwin/v1/gm//A3/power", "1", stats).empty());
    CHECK(stats.rejected(RejectKind::BadTopic) == 3);

    CHECK(parse("parktwin/v1/gm/A3/power", "{not json", stats).empty());
    CHECK(parse("parktwin/v1/gm/A3/power", "", stats).empty());
    CHECK(parse("parktwin/v1/gm/A3/power", "\xff\xfe\x00garbage", stats).empty());
    CHECK(parse("parktwin/v1/gm/A3/power", R"({"ts":"yesterday","value":1})", stats).empty());
    CHECK(parse("parktwin/v1/batch", "[1,2,3]", stats).empty());
    CHECK(stats.rejected(RejectKind::BadPayload) == 5);

    CHECK(parse("parktwin/v1/gm/A3/power", "nan", stats).empty());
    CHECK(parse("parktwin/v1/gm/A3/power", "-inf", stats).empty());
    CHECK(stats.rejected(RejectKind::NotFinite) == 2);

    CHECK(parse("parktwin/v1/gm/A3/status", R"({"value":"Exploded"})", stats).empty());
    CHECK(parse("parktwin/v1/gm/A3/power", R"({"value":[1]})", stats).empty());
    CHECK(parse("parktwin/v1/gm/drone/D1/pose", R"({"value":{"x":1}})", stats).empty());
    CHECK(stats.rejected(RejectKind::WrongType) == 3);

    CHECK(parse("parktwin/v1/gm/A3/occupancy", "-3", stats).empty());
    CHECK(parse("parktwin/v1/gm/drone/D1/battery", "140", stats).empty());
    CHECK(stats.rejected(RejectKind::OutOfRange) == 2);

    CHECK(parse("parktwin/v1/gm/A3/power", std::string(5000, '1'), stats).empty());
    CHECK(stats.rejected(RejectKind::Oversized) == 1);
    CHECK(stats.accepted() == 0);
}

TEST_CASE("parser: encode round-trips through parse", "[data][parser]") {
    IngestStats stats;
    std::vector<Sample> samples = {{"gm/A1/F2/U3", Channel::Energy, 123.5, 9},
                                   {"gm/drone/D1", Channel::Pose, Pose{1, 2, 3, 4}, 9},
                                   {"gm/drone/D1", Channel::State, std::string("Enroute"), 9}};
    auto back = parse(kBatchTopic, encodeBatch(samples, 42), stats);
    REQUIRE(back.size() == 3);
    // Keys come back sorted: energy, pose, state.
    CHECK(std::get<double>(back[0].value) == 123.5);
    CHECK(std::get<Pose>(back[1].value) == Pose{1, 2, 3, 4});
    CHECK(std::get<std::string>(back[2].value) == "Enroute");
    CHECK(back[0].tsMs == 42);
    auto one = parse(topicFor("gm/A1/F2/U3", Channel::Energy), encodeValue(123.5, 8), stats);
    REQUIRE(one.size() == 1);
    CHECK(std::get<double>(one[0].value) == 123.5);
    CHECK(one[0].tsMs == 8);
}

TEST_CASE("entity ids: syntax and parents", "[data][ids]") {
    CHECK(isValidEntityId("gm/A3/F12/U1203"));
    CHECK_FALSE(isValidEntityId("gm/A3/"));
    CHECK_FALSE(isValidEntityId("gm A3"));
    CHECK_FALSE(isValidEntityId(""));
    CHECK(parentId("gm/A3/F12/U1203") == "gm/A3/F12");
    CHECK(parentId("gm").empty());
}
