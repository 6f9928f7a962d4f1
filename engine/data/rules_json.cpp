// RuleSet::parse / load: JSON -> Rule. Errors name the source, the rule and the field.
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "data/rules.h"

namespace pt::data {
namespace {

using Json = nlohmann::json;

std::optional<AlertLevel> parseLevel(std::string_view name) {
    for (AlertLevel level : {AlertLevel::Info, AlertLevel::Warning, AlertLevel::Critical}) {
        if (alertLevelName(level) == name) return level;
    }
    return std::nullopt;
}

std::optional<RuleInput> parseInput(std::string_view name) {
    if (name == "value") return RuleInput::Value;
    if (name == "ratio") return RuleInput::Ratio;
    if (name == "deltaToday") return RuleInput::DeltaToday;
    return std::nullopt;
}

Result<Rgba8> color(const Json& j, const std::string& where) {
    if (j.is_string()) {
        if (const auto c = parseHexColor(j.get<std::string>())) return *c;
    }
    return makeError(where, ": expected a colour \"#rrggbb\", got ", j.dump());
}

Result<ColorRamp> parseRamp(const Json& j, const std::string& where) {
    ColorRamp ramp;
    const Json domain = j.value("domain", Json());
    if (!domain.is_array() || domain.size() != 2 || !domain[0].is_number() ||
        !domain[1].is_number() || !(domain[1].get<double>() > domain[0].get<double>())) {
        return makeError(where, ".ramp.domain: expected [min, max] with min < max");
    }
    ramp.domainMin = domain[0].get<double>();
    ramp.domainMax = domain[1].get<double>();
    if (j.value("preset", "") == "viridis") {
        ramp.stops = viridisStops();
    } else if (j.contains("colors") && j["colors"].is_array() && !j["colors"].empty()) {
        for (const Json& c : j["colors"]) {
            auto rgba = color(c, where + ".ramp.colors");
            PT_TRY(rgba);
            ramp.stops.push_back(*rgba);
        }
    } else {
        return makeError(where, ".ramp: needs \"preset\": \"viridis\" or a \"colors\" array");
    }
    return ramp;
}

Result<void> parseThresholds(const Json& j, const std::string& where, Rule& rule) {
    for (const Json& t : j) {
        Threshold threshold;
        const auto level = parseLevel(t.value("level", ""));
        threshold.above = t.contains("above");
        const Json bound = threshold.above ? t.value("above", Json()) : t.value("below", Json());
        if (!level || !bound.is_number()) {
            return makeError(where,
                             ".thresholds: each needs \"level\" (info|warning|critical) "
                             "and a number \"above\" or \"below\"");
        }
        threshold.level = *level;
        threshold.raiseAt = bound.get<double>();
        threshold.clearAt = t.value("clear", threshold.raiseAt);
        if (threshold.above ? threshold.clearAt > threshold.raiseAt
                            : threshold.clearAt < threshold.raiseAt) {
            return makeError(where,
                             ".thresholds: \"clear\" must lie on the quiet side of the "
                             "threshold (hysteresis)");
        }
        rule.thresholds.push_back(threshold);
    }
    return {};
}

Result<void> parseCategories(const Json& j, const std::string& where, Rule& rule) {
    for (const auto& [name, style] : j.items()) {
        CategoryStyle category{.name = name};
        auto rgba = color(style.is_object() ? style.value("color", Json()) : style,
                          where + ".categories." + name);
        PT_TRY(rgba);
        category.color = *rgba;
        if (style.is_object() && style.contains("alert")) {
            const auto level = parseLevel(style.value("alert", ""));
            if (!level) return makeError(where, ".categories.", name, ".alert: unknown level");
            category.alert = *level;
        }
        rule.categories.push_back(category);
        rule.legend.push_back(LegendEntry{name, category.color});
    }
    return {};
}

Result<void> parseLegend(const Json& j, const std::string& where, Rule& rule) {
    if (!j.is_array()) return {};
    rule.legend.clear();
    for (const Json& entry : j) {
        const auto value = entry.value("value", Json());
        if (!value.is_number()) return makeError(where, ".legend: entries need a number \"value\"");
        rule.legend.push_back(
            LegendEntry{entry.value("label", value.dump()), rule.ramp.sample(value.get<double>())});
    }
    return {};
}

Result<Rule> parseRule(const Json& j, const std::string& where) {
    Rule rule;
    rule.id = j.value("id", "");
    const auto channel = parseChannel(j.value("channel", ""));
    const auto input = parseInput(j.value("input", "value"));
    if (rule.id.empty() || !channel || !input) {
        return makeError(where,
                         ": needs \"id\", a known \"channel\" and \"input\" "
                         "value|ratio|deltaToday");
    }
    rule.channel = *channel;
    rule.input = *input;
    rule.layer = j.value("layer", std::string(channelName(rule.channel)));
    rule.match = j.value("match", "**");
    rule.label = j.value("label", "{value}");
    rule.alwaysOn = j.value("alwaysOn", false);
    const Json stale = j.value("staleAfter", Json("15m"));
    const auto staleMs = stale.is_number()
                             ? std::optional<int64_t>(int64_t(stale.get<double>() * 1e3))
                             : parseDurationMs(stale.is_string() ? stale.get<std::string>() : "");
    if (!staleMs) return makeError(where, ".staleAfter: expected e.g. \"90s\", \"15m\", \"2h\"");
    rule.staleAfterMs = *staleMs;
    if (j.contains("ramp")) {
        auto ramp = parseRamp(j["ramp"], where);
        PT_TRY(ramp);
        rule.ramp = std::move(*ramp);
        rule.legend = {{strCat(rule.ramp.domainMin), rule.ramp.stops.front()},
                       {strCat(rule.ramp.domainMax), rule.ramp.stops.back()}};
    }
    if (j.contains("categories")) PT_TRY(parseCategories(j["categories"], where, rule));
    if (rule.ramp.stops.empty() && rule.categories.empty()) {
        return makeError(where, ": needs a \"ramp\" or \"categories\"");
    }
    if (j.contains("thresholds")) PT_TRY(parseThresholds(j["thresholds"], where, rule));
    if (j.contains("legend")) PT_TRY(parseLegend(j["legend"], where, rule));
    return rule;
}

}  // namespace

Result<RuleSet> RuleSet::parse(std::string_view json, std::string_view sourceName) {
    const Json doc = Json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("rules") ||
        !doc["rules"].is_array()) {
        return makeError(sourceName, ": expected a JSON object with a \"rules\" array");
    }
    RuleSet set;
    // Type mismatches deep inside (a string where a number belongs) surface as exceptions from
    // nlohmann::json; they become an error naming the file instead of a crash.
    try {
        set.utcOffsetMinutes = doc.value("utcOffsetMinutes", set.utcOffsetMinutes);
        for (size_t i = 0; i < doc["rules"].size(); ++i) {
            const Json& j = doc["rules"][i];
            if (!j.is_object()) return makeError(sourceName, ": rules[", i, "]: not an object");
            const std::string where =
                strCat(sourceName, ": rules[", i, "] '", j.value("id", ""), "'");
            auto rule = parseRule(j, where);
            PT_TRY(rule);
            if (set.find(rule->id)) return makeError(where, ": duplicate id");
            set.rules.push_back(std::move(*rule));
        }
    } catch (const nlohmann::json::exception& e) {
        return makeError(sourceName, ": ", e.what());
    }
    return set;
}

Result<RuleSet> RuleSet::load(const std::filesystem::path& path) {
    auto text = readTextFile(path);
    PT_TRY(text);
    return parse(*text, path.string());
}

}  // namespace pt::data
