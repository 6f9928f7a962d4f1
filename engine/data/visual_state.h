#pragma once
// The per-entity visual state the renderer uploads once per frame: 16 bytes, no padding, plain
// data. Index i belongs to whatever entity the caller mapped to slot i (the renderer's entity
// index). GLSL mirror: struct { uint rgba; uint flags; float value; uint rule; } with rgba read by
// unpackUnorm4x8.
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace pt::data {

struct EntityVisualState {
    uint32_t rgba = 0;   // packed R,G,B,A bytes (see packRgba)
    uint32_t flags = 0;  // VisualFlag bits
    float value = 0;     // the rule input (e.g. occupancy ratio), for tooltips and legends
    uint32_t rule = 0;   // index into RuleSet::rules + 1; 0 = no rule applies
};
static_assert(sizeof(EntityVisualState) == 16);
static_assert(std::is_trivially_copyable_v<EntityVisualState>);
static_assert(offsetof(EntityVisualState, flags) == 4 && offsetof(EntityVisualState, value) == 8);

namespace VisualFlag {
inline constexpr uint32_t kStale = 1u << 0;     // drawn grey; value older than staleAfter
inline constexpr uint32_t kNoData = 1u << 1;    // a rule applies but nothing was received
inline constexpr uint32_t kHidden = 1u << 2;    // set by the caller (floor isolation, layers)
inline constexpr uint32_t kGhost = 1u << 3;     // set by the caller
inline constexpr uint32_t kSelected = 1u << 4;  // set by the caller
inline constexpr uint32_t kAlertUnacknowledged = 1u << 5;  // pulse until acknowledged
inline constexpr uint32_t kAlertShift = 8;                 // 2 bits: AlertLevel
inline constexpr uint32_t kAlertMask = 3u << kAlertShift;
// Bits the evaluator never touches: they belong to the app (selection, floor mode).
inline constexpr uint32_t kCallerMask = kHidden | kGhost | kSelected;
}  // namespace VisualFlag

}  // namespace pt::data
