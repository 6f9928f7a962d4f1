#include <catch2/catch.hpp>

#include "data/overlay_evaluator.h"
#include "test_paths.h"

using namespace pt::data;

namespace {
uint8_t channelOf(Rgba8 c, int i) {
    return uint8_t(c >> (8 * i));
}

RuleSet defaults() {
    auto rules = RuleSet::load(pt::test::sourceDir() / "assets/rules/default.json");
    if (!rules) FAIL(rules.error().message);
    return std::move(*rules);
}
}  // namespace

TEST_CASE("rules: colours, ramps and legend", "[data][rules]") {
    CHECK(parseHexColor("#ff8000") == packRgba(255, 128, 0));
    CHECK(parseHexColor("#ff800080") == packRgba(255, 128, 0, 128));
    CHECK_FALSE(parseHexColor("ff8000"));
    CHECK_FALSE(parseHexColor("#ggffff"));
    CHECK(toHexColor(packRgba(1, 2, 3, 4)) == "#01020304");

    ColorRamp ramp{
        .domainMin = 10, .domainMax = 20, .stops = {packRgba(0, 0, 0), packRgba(200, 100, 50)}};
    CHECK(ramp.sample(10) == packRgba(0, 0, 0));
    CHECK(ramp.sample(15) == packRgba(100, 50, 25));
    CHECK(ramp.sample(99) == packRgba(200, 100, 50));  // clamped
    CHECK(ramp.sample(-5) == packRgba(0, 0, 0));

    // Viridis is sequential: luminance grows monotonically along the ramp.
    ColorRamp viridis{.domainMin = 0, .domainMax = 1, .stops = viridisStops()};
    double last = -1;
    for (int i = 0; i <= 20; ++i) {
        const Rgba8 c = viridis.sample(i / 20.0);
        const double y =
            0.2126 * channelOf(c, 0) + 0.7152 * channelOf(c, 1) + 0.0722 * channelOf(c, 2);
        CHECK(y > last);
        last = y;
    }
}

TEST_CASE("rules: hysteresis keeps an alert until the clear level", "[data][rules]") {
    Rule rule;
    rule.thresholds = {{AlertLevel::Warning, true, 1.0, 0.95},
                       {AlertLevel::Critical, true, 1.2, 1.1}};
    AlertLevel level = AlertLevel::None;
    level = rule.levelFor(0.99, level);
    CHECK(level == AlertLevel::None);
    level = rule.levelFor(1.0, level);
    CHECK(level == AlertLevel::Warning);
    level = rule.levelFor(0.97, level);  // between clear and raise: held
    CHECK(level == AlertLevel::Warning);
    level = rule.levelFor(1.25, level);
    CHECK(level == AlertLevel::Critical);
    level = rule.levelFor(1.15, level);
    CHECK(level == AlertLevel::Critical);
    level = rule.levelFor(1.05, level);
    CHECK(level == AlertLevel::Warning);
    level = rule.levelFor(0.95, level);
    CHECK(level == AlertLevel::None);

    Rule low;
    low.thresholds = {{AlertLevel::Warning, false, 25, 30}};
    CHECK(low.levelFor(24, AlertLevel::None) == AlertLevel::Warning);
    CHECK(low.levelFor(28, AlertLevel::Warning) == AlertLevel::Warning);
    CHECK(low.levelFor(28, AlertLevel::None) == AlertLevel::None);
    CHECK(low.levelFor(31, AlertLevel::Warning) == AlertLevel::None);
}

TEST_CASE("rules: templates, globs, durations, midnight", "[data][rules]") {
    CHECK(formatLabel("{value:.0f} kW", 41.7, "x") == "42 kW");
    CHECK(formatLabel("{percent:.1f} %", 0.4567, "x") == "45.7 %");
    CHECK(formatLabel("{entity}: {value}", std::string("Charging"), "gm/ev/P1/C01") ==
          "gm/ev/P1/C01: Charging");
    CHECK(formatLabel("{bogus} {value", 1.0, "x") == "{bogus} {value");
    CHECK(matchEntityGlob("*/ev/*/*", "gm/ev/P1/C07"));
    CHECK_FALSE(matchEntityGlob("*/ev/*/*", "gm/ev/P1"));
    CHECK_FALSE(matchEntityGlob("*/ev/*", "gm/ev/P1/C07"));
    CHECK(matchEntityGlob("**", "gm/A1/F1"));
    CHECK(matchEntityGlob("gm/**/U*", "gm/A1/F1/U12"));
    CHECK(parseDurationMs("90s") == 90'000);
    CHECK(parseDurationMs("15m") == 900'000);
    CHECK(parseDurationMs("2h") == 7'200'000);
    CHECK_FALSE(parseDurationMs("soon"));
    // 2025-01-01T00:00:00+08:00 == 2024-12-31T16:00:00Z == 1735660800000
    CHECK(localMidnight(1735660800000 + 5 * 3600'000, 480) == 1735660800000);
    CHECK(localMidnight(1735660800000 - 1, 480) == 1735660800000 - 86'400'000);
}

TEST_CASE("rules: default.json loads, bad files give errors that name the place", "[data][rules]") {
    const RuleSet rules = defaults();
    CHECK(rules.rules.size() == 8);
    const Rule* charger = rules.find("charger-status");
    REQUIRE(charger);
    CHECK(charger->category("Faulted")->alert == AlertLevel::Critical);
    CHECK(charger->category("Available")->color == packRgba(0x2e, 0x9e, 0x44));
    CHECK(rules.find("occupancy-ratio")->legend.size() == 3);

    auto bad = RuleSet::parse(
        R"({"rules":[{"id":"p","channel":"power","ramp":{"preset":"viridis","domain":[5,1]}}]})",
        "x.json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("x.json: rules[0] 'p'.ramp.domain") == 0);
    CHECK_FALSE(RuleSet::parse("[]", "y.json").ok());
    CHECK_FALSE(RuleSet::parse(R"({"rules":[{"id":"p","channel":"nope"}]})", "y.json").ok());
    CHECK_FALSE(RuleSet::parse(R"({"rules":[{"id":3,"channel":"power"}]})", "y.json").ok());
    auto badHysteresis = RuleSet::parse(
        R"({"rules":[{"id":"p","channel":"power","ramp":{"preset":"viridis","domain":[0,1]},
            "thresholds":[{"level":"warning","above":1,"clear":2}]}]})",
        "z.json");
    CHECK_FALSE(badHysteresis.ok());
}
