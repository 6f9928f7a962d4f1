#include "data/rules.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace pt::data {

std::string_view alertLevelName(AlertLevel level) {
    switch (level) {
        case AlertLevel::None:
            return "none";
        case AlertLevel::Info:
            return "info";
        case AlertLevel::Warning:
            return "warning";
        case AlertLevel::Critical:
            return "critical";
    }
    return "?";
}

std::optional<Rgba8> parseHexColor(std::string_view text) {
    if (text.empty() || text[0] != '#' || (text.size() != 7 && text.size() != 9)) {
        return std::nullopt;
    }
    uint32_t bytes[4] = {0, 0, 0, 255};
    for (size_t i = 0; i * 2 + 1 < text.size(); ++i) {
        const char* begin = text.data() + 1 + i * 2;
        const auto [end, ec] = std::from_chars(begin, begin + 2, bytes[i], 16);
        if (ec != std::errc() || end != begin + 2) return std::nullopt;
    }
    return packRgba(uint8_t(bytes[0]), uint8_t(bytes[1]), uint8_t(bytes[2]), uint8_t(bytes[3]));
}

std::string toHexColor(Rgba8 c) {
    char text[10];
    std::snprintf(text, sizeof text, "#%02x%02x%02x%02x", c & 255, (c >> 8) & 255, (c >> 16) & 255,
                  c >> 24);
    return text;
}

std::vector<Rgba8> viridisStops() {
    return {packRgba(0x44, 0x01, 0x54), packRgba(0x47, 0x2d, 0x7b), packRgba(0x3b, 0x52, 0x8b),
            packRgba(0x2c, 0x72, 0x8e), packRgba(0x21, 0x91, 0x8c), packRgba(0x28, 0xae, 0x80),
            packRgba(0x5e, 0xc9, 0x62), packRgba(0xad, 0xdc, 0x30), packRgba(0xfd, 0xe7, 0x25)};
}

Rgba8 ColorRamp::sample(double value) const {
    if (stops.empty()) return kNoDataColor;
    if (stops.size() == 1 || !(domainMax > domainMin)) return stops.front();
    double t = (value - domainMin) / (domainMax - domainMin);
    t = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
    const double pos = t * double(stops.size() - 1);
    const size_t i = std::min(size_t(pos), stops.size() - 2);
    const double f = pos - double(i);
    Rgba8 out = 0;
    for (int shift = 0; shift < 32; shift += 8) {
        const double a = double((stops[i] >> shift) & 255);
        const double b = double((stops[i + 1] >> shift) & 255);
        out |= uint32_t(std::lround(a + (b - a) * f)) << shift;
    }
    return out;
}

const CategoryStyle* Rule::category(std::string_view name) const {
    for (const CategoryStyle& c : categories) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

AlertLevel Rule::levelFor(double value, AlertLevel current) const {
    AlertLevel level = AlertLevel::None;
    for (const Threshold& t : thresholds) {
        const bool raised = t.above ? value >= t.raiseAt : value <= t.raiseAt;
        const bool held = current >= t.level && (t.above ? value > t.clearAt : value < t.clearAt);
        if ((raised || held) && t.level > level) level = t.level;
    }
    return level;
}

const Rule* RuleSet::find(std::string_view id) const {
    for (const Rule& r : rules) {
        if (r.id == id) return &r;
    }
    return nullptr;
}

std::vector<std::string> RuleSet::layers() const {
    std::vector<std::string> out;
    for (const Rule& r : rules) {
        if (std::find(out.begin(), out.end(), r.layer) == out.end()) out.push_back(r.layer);
    }
    return out;
}

bool matchEntityGlob(std::string_view pattern, std::string_view id) {
    if (pattern.empty()) return id.empty();
    if (pattern.starts_with("**")) {
        for (size_t i = 0; i <= id.size(); ++i) {
            if (matchEntityGlob(pattern.substr(2), id.substr(i))) return true;
        }
        return false;
    }
    if (pattern[0] == '*') {
        for (size_t i = 0; i <= id.size(); ++i) {
            if (matchEntityGlob(pattern.substr(1), id.substr(i))) return true;
            if (i < id.size() && id[i] == '/') break;
        }
        return false;
    }
    return !id.empty() && id[0] == pattern[0] && matchEntityGlob(pattern.substr(1), id.substr(1));
}

namespace {

std::string formatNumber(double v, std::string_view spec) {
    int precision = -1;
    if (spec.size() >= 3 && spec[0] == '.' && spec.back() == 'f') {
        std::from_chars(spec.data() + 1, spec.data() + spec.size() - 1, precision);
    }
    char text[64];
    if (precision >= 0 && precision <= 9) {
        std::snprintf(text, sizeof text, "%.*f", precision, v);
    } else {
        std::snprintf(text, sizeof text, "%g", v);
    }
    return text;
}

std::string formatToken(std::string_view name, std::string_view spec, const Value& value,
                        std::string_view entity, bool& known) {
    known = true;
    if (name == "entity") return std::string(entity);
    if (name == "value" || name == "percent") {
        const double scale = name == "percent" ? 100.0 : 1.0;
        if (const double* d = std::get_if<double>(&value)) return formatNumber(*d * scale, spec);
        if (const std::string* s = std::get_if<std::string>(&value)) return *s;
        const Pose& p = std::get<Pose>(value);
        return strCat(formatNumber(p.x, ".1f"), ", ", formatNumber(p.y, ".1f"), ", ",
                      formatNumber(p.z, ".1f"));
    }
    known = false;
    return {};
}

}  // namespace

std::string formatLabel(std::string_view tmpl, const Value& value, std::string_view entity) {
    std::string out;
    size_t i = 0;
    while (i < tmpl.size()) {
        const size_t open = tmpl.find('{', i);
        const size_t close = open == std::string_view::npos ? open : tmpl.find('}', open);
        if (close == std::string_view::npos) {
            out.append(tmpl.substr(i));
            break;
        }
        out.append(tmpl.substr(i, open - i));
        const std::string_view token = tmpl.substr(open + 1, close - open - 1);
        const size_t colon = token.find(':');
        bool known = false;
        const std::string text = formatToken(
            token.substr(0, colon), colon == std::string_view::npos ? "" : token.substr(colon + 1),
            value, entity, known);
        out.append(known ? std::string_view(text) : tmpl.substr(open, close - open + 1));
        i = close + 1;
    }
    return out;
}

int64_t localMidnight(int64_t tMs, int utcOffsetMinutes) {
    constexpr int64_t kDay = 86'400'000;
    const int64_t local = tMs + int64_t(utcOffsetMinutes) * 60'000;
    const int64_t day = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
    return day * kDay - int64_t(utcOffsetMinutes) * 60'000;
}

std::optional<int64_t> parseDurationMs(std::string_view text) {
    double number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || !(number >= 0)) return std::nullopt;
    const std::string_view unit(end, size_t(text.data() + text.size() - end));
    double scale = 0;
    if (unit.empty() || unit == "s") scale = 1e3;
    if (unit == "ms") scale = 1;
    if (unit == "m" || unit == "min") scale = 60e3;
    if (unit == "h") scale = 3600e3;
    if (unit == "d") scale = 86400e3;
    if (scale == 0) return std::nullopt;
    return int64_t(number * scale);
}

}  // namespace pt::data
