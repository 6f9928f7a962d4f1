#pragma once
// Rules: how a channel looks. A rule maps one channel of matching entities to a colour (a ramp
// over an explicit domain, or per-category colours for enums), alert levels with hysteresis, a
// label template and a staleness limit. Loaded from JSON (format in docs/data.md; defaults in
// assets/rules/default.json). Immutable after loading; safe to read from any thread.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "data/sample.h"

namespace pt::data {

enum class AlertLevel : uint8_t { None, Info, Warning, Critical };
std::string_view alertLevelName(AlertLevel level);

// 0xAABBGGRR: byte order R,G,B,A in memory, what GLSL's unpackUnorm4x8 expects.
using Rgba8 = uint32_t;
constexpr Rgba8 packRgba(uint8_t r, uint8_t g, uint8_t b, uint8_t a = 255) {
    return uint32_t(r) | uint32_t(g) << 8 | uint32_t(b) << 16 | uint32_t(a) << 24;
}
// "#rrggbb" or "#rrggbbaa".
std::optional<Rgba8> parseHexColor(std::string_view text);
std::string toHexColor(Rgba8 color);

// What stale or missing data is drawn with (never a ramp colour, so it cannot pass as current).
inline constexpr Rgba8 kStaleColor = packRgba(128, 128, 128);
inline constexpr Rgba8 kNoDataColor = packRgba(96, 96, 96);

// Piecewise-linear ramp over [domainMin, domainMax]; values outside are clamped.
struct ColorRamp {
    double domainMin = 0;
    double domainMax = 1;
    std::vector<Rgba8> stops;  // evenly spaced over the domain
    Rgba8 sample(double value) const;
};
// Perceptual sequential ramp (matplotlib's viridis, 9 samples).
std::vector<Rgba8> viridisStops();

struct LegendEntry {
    std::string label;
    Rgba8 color = 0;
};

// Raised when the value crosses `raiseAt` (>= if above, <= if below); cleared only when it is
// back past `clearAt`, so a value hovering at the threshold does not flap.
struct Threshold {
    AlertLevel level = AlertLevel::Warning;
    bool above = true;
    double raiseAt = 0;
    double clearAt = 0;
};

struct CategoryStyle {
    std::string name;
    Rgba8 color = 0;
    AlertLevel alert = AlertLevel::None;
};

enum class RuleInput : uint8_t {
    Value,       // the channel's value (summed up the tree for summable channels)
    Ratio,       // occupancy / capacity
    DeltaToday,  // cumulative counter minus its value at local midnight
};

struct Rule {
    std::string id;
    std::string layer;  // the overlay this rule belongs to ("occupancy", "power", ...)
    Channel channel = Channel::Power;
    RuleInput input = RuleInput::Value;
    std::string match = "**";  // entity id glob: '*' within a segment, '**' across segments
    ColorRamp ramp;
    std::vector<CategoryStyle> categories;  // enum channels
    std::vector<Threshold> thresholds;
    std::vector<LegendEntry> legend;
    std::string label;  // e.g. "{value:.0f} kW"; tokens {value[:.Nf]}, {percent[:.Nf]}, {entity}
    int64_t staleAfterMs = 15 * 60'000;
    bool alwaysOn = false;  // drawn whatever layer is active (chargers, drones)

    const CategoryStyle* category(std::string_view name) const;
    // The alert level for `value` given the level currently raised.
    AlertLevel levelFor(double value, AlertLevel current) const;
};

struct RuleSet {
    std::vector<Rule> rules;
    int utcOffsetMinutes = 8 * 60;  // "local midnight" for DeltaToday; the parks are in UTC+8

    static Result<RuleSet> parse(std::string_view json, std::string_view sourceName);
    static Result<RuleSet> load(const std::filesystem::path& path);
    const Rule* find(std::string_view id) const;
    std::vector<std::string> layers() const;
};

bool matchEntityGlob(std::string_view pattern, std::string_view id);
// Fills a label template; unknown tokens are kept verbatim so a typo is visible, not fatal.
std::string formatLabel(std::string_view tmpl, const Value& value, std::string_view entity);
// Start of the local day containing `tMs`.
int64_t localMidnight(int64_t tMs, int utcOffsetMinutes);
// "90s", "15m", "2h", "1d" or a number of seconds.
std::optional<int64_t> parseDurationMs(std::string_view text);

}  // namespace pt::data
