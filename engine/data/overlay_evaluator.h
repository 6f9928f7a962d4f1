#pragma once
// Rules -> per-entity visual state, and rules -> alerts. Main thread only (reads the store).
// Per frame, update() re-evaluates only the slots whose entity changed (store.changed(), which
// it consumes), whose staleness deadline has passed, or everything when the layer, the cursor
// or the mapping changed. Alerts always follow live data, whatever the cursor shows.
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "data/alert_log.h"
#include "data/rules.h"
#include "data/telemetry_store.h"
#include "data/visual_state.h"

namespace pt::data {

// Borrows the rules and the alert log; both must outlive the evaluator.
class OverlayEvaluator {
public:
    OverlayEvaluator(const RuleSet& rules, AlertLog& alerts);

    // slotToEntity[i] is the store key drawn at state index i (kNoEntity: nothing to show).
    void setEntities(std::vector<EntityKey> slotToEntity, const TelemetryStore& store);
    // The rules of this layer colour entities, plus every `alwaysOn` rule.
    void setActiveLayer(std::string_view layer, const TelemetryStore& store);
    const std::string& activeLayer() const { return m_layer; }

    // Brings `states` (size >= slot count) up to date for the cursor time; returns how many slots
    // were evaluated. `live` says the cursor is at "now" (alerts are evaluated only then).
    size_t update(TelemetryStore& store, int64_t cursorMs, bool live,
                  std::span<EntityVisualState> states);
    // Evaluates every slot (what update() does after a layer or cursor change).
    void evaluateAll(const TelemetryStore& store, int64_t cursorMs,
                     std::span<EntityVisualState> states);

    // The rule input for an entity at time t (nullopt: no data); enums give their name.
    std::optional<Value> ruleValue(const TelemetryStore& store, const Rule& rule, EntityKey key,
                                   int64_t t) const;
    // Label for a slot, from its rule's template; empty when no rule applies.
    std::string label(const TelemetryStore& store, size_t slot, int64_t cursorMs) const;

private:
    void evaluateSlot(const TelemetryStore& store, size_t slot, int64_t t,
                      EntityVisualState& state);
    void evaluateAlerts(const TelemetryStore& store, EntityKey key, int64_t now);
    void rebuildSlotRules(const TelemetryStore& store);
    bool ruleActive(const Rule& rule) const;

    const RuleSet& m_rules;
    AlertLog& m_alerts;
    std::string m_layer;
    std::vector<EntityKey> m_slotToEntity;
    std::unordered_multimap<EntityKey, uint32_t> m_entityToSlots;
    std::vector<uint16_t> m_slotRule;      // index + 1 of the first matching active rule
    std::vector<int64_t> m_staleDeadline;  // re-evaluate when the cursor passes this
    std::unordered_map<uint64_t, AlertLevel> m_alertLevels;  // (entity, rule) -> raised level
    int64_t m_lastCursor = INT64_MIN;
    bool m_allDirty = true;
};

}  // namespace pt::data
