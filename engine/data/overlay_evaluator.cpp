#include "data/overlay_evaluator.h"

#include <limits>

namespace pt::data {
namespace {

struct Input {
    Value value;
    int64_t tsMs = 0;  // the oldest sample it was computed from, for staleness
};

std::optional<Input> computeInput(const TelemetryStore& store, const RuleSet& rules,
                                  const Rule& rule, EntityKey key, int64_t t) {
    switch (rule.input) {
        case RuleInput::Value: {
            if (auto v = store.valueAt(key, rule.channel, t)) {
                return Input{std::move(v->value), v->tsMs};
            }
            if (!isSummable(rule.channel)) return std::nullopt;
            const Aggregate sum = store.aggregate(key, rule.channel, t);
            if (sum.sources == 0) return std::nullopt;
            return Input{sum.sum, sum.oldestTsMs};
        }
        case RuleInput::Ratio: {
            const auto ratio = store.occupancyRatio(key, t);
            if (!ratio) return std::nullopt;
            return Input{*ratio, store.aggregate(key, Channel::Occupancy, t).oldestTsMs};
        }
        case RuleInput::DeltaToday: {
            const auto delta =
                store.deltaSince(key, rule.channel, localMidnight(t, rules.utcOffsetMinutes), t);
            if (!delta) return std::nullopt;
            return Input{*delta, store.aggregate(key, rule.channel, t).oldestTsMs};
        }
    }
    return std::nullopt;
}

uint64_t alertKey(EntityKey key, size_t ruleIndex) {
    return uint64_t(key) << 16 | ruleIndex;
}

}  // namespace

OverlayEvaluator::OverlayEvaluator(const RuleSet& rules, AlertLog& alerts)
    : m_rules(rules), m_alerts(alerts) {
    if (!rules.rules.empty()) m_layer = rules.rules.front().layer;
}

void OverlayEvaluator::setEntities(std::vector<EntityKey> slotToEntity,
                                   const TelemetryStore& store) {
    m_slotToEntity = std::move(slotToEntity);
    m_entityToSlots.clear();
    for (size_t i = 0; i < m_slotToEntity.size(); ++i) {
        if (m_slotToEntity[i] != kNoEntity) m_entityToSlots.emplace(m_slotToEntity[i], uint32_t(i));
    }
    rebuildSlotRules(store);
}

void OverlayEvaluator::setActiveLayer(std::string_view layer, const TelemetryStore& store) {
    m_layer = std::string(layer);
    rebuildSlotRules(store);
}

bool OverlayEvaluator::ruleActive(const Rule& rule) const {
    return rule.alwaysOn || rule.layer == m_layer;
}

void OverlayEvaluator::rebuildSlotRules(const TelemetryStore& store) {
    m_slotRule.assign(m_slotToEntity.size(), 0);
    m_staleDeadline.assign(m_slotToEntity.size(), std::numeric_limits<int64_t>::max());
    for (size_t slot = 0; slot < m_slotToEntity.size(); ++slot) {
        if (m_slotToEntity[slot] == kNoEntity) continue;
        const std::string& id = store.idOf(m_slotToEntity[slot]);
        for (size_t r = 0; r < m_rules.rules.size(); ++r) {
            const Rule& rule = m_rules.rules[r];
            if (ruleActive(rule) && matchEntityGlob(rule.match, id)) {
                m_slotRule[slot] = uint16_t(r + 1);
                break;
            }
        }
    }
    m_allDirty = true;
}

std::optional<Value> OverlayEvaluator::ruleValue(const TelemetryStore& store, const Rule& rule,
                                                 EntityKey key, int64_t t) const {
    auto input = computeInput(store, m_rules, rule, key, t);
    if (!input) return std::nullopt;
    return std::move(input->value);
}

void OverlayEvaluator::evaluateSlot(const TelemetryStore& store, size_t slot, int64_t t,
                                    EntityVisualState& state) {
    const uint32_t keep = state.flags & VisualFlag::kCallerMask;
    m_staleDeadline[slot] = std::numeric_limits<int64_t>::max();
    const uint16_t ruleIndex = m_slotRule[slot];
    if (ruleIndex == 0) {
        state = EntityVisualState{.rgba = 0, .flags = keep, .value = 0, .rule = 0};
        return;
    }
    const Rule& rule = m_rules.rules[ruleIndex - 1];
    const EntityKey key = m_slotToEntity[slot];
    const auto input = computeInput(store, m_rules, rule, key, t);
    state.rule = ruleIndex;
    if (!input) {
        state.rgba = kNoDataColor;
        state.flags = keep | VisualFlag::kNoData;
        state.value = 0;
        return;
    }
    uint32_t flags = keep;
    if (const double* d = std::get_if<double>(&input->value)) {
        state.rgba = rule.ramp.sample(*d);
        state.value = float(*d);
    } else if (const std::string* s = std::get_if<std::string>(&input->value)) {
        const CategoryStyle* category = rule.category(*s);
        state.rgba = category ? category->color : kNoDataColor;
        state.value = 0;
    }
    if (t - input->tsMs > rule.staleAfterMs) {
        state.rgba = kStaleColor;
        flags |= VisualFlag::kStale;
    } else {
        m_staleDeadline[slot] = input->tsMs + rule.staleAfterMs + 1;
    }
    const auto level = m_alertLevels.find(alertKey(key, ruleIndex - 1));
    if (level != m_alertLevels.end() && level->second != AlertLevel::None) {
        flags |= uint32_t(level->second) << VisualFlag::kAlertShift;
        const Alert* alert = m_alerts.findActive(store.idOf(key), rule.id);
        if (alert && !alert->acknowledged) flags |= VisualFlag::kAlertUnacknowledged;
    }
    state.flags = flags;
}

void OverlayEvaluator::evaluateAlerts(const TelemetryStore& store, EntityKey key, int64_t now) {
    const std::string& id = store.idOf(key);
    for (size_t r = 0; r < m_rules.rules.size(); ++r) {
        const Rule& rule = m_rules.rules[r];
        const bool hasCategoryAlerts =
            std::any_of(rule.categories.begin(), rule.categories.end(),
                        [](const CategoryStyle& c) { return c.alert != AlertLevel::None; });
        if (rule.thresholds.empty() && !hasCategoryAlerts) continue;
        if (!matchEntityGlob(rule.match, id)) continue;
        const auto input = computeInput(store, m_rules, rule, key, now);
        if (!input) continue;
        AlertLevel& current = m_alertLevels[alertKey(key, r)];
        AlertLevel next = AlertLevel::None;
        if (const double* d = std::get_if<double>(&input->value)) {
            next = rule.levelFor(*d, current);
        } else if (const std::string* s = std::get_if<std::string>(&input->value)) {
            const CategoryStyle* category = rule.category(*s);
            next = category ? category->alert : AlertLevel::None;
        }
        if (next == current) continue;
        if (next == AlertLevel::None) {
            m_alerts.clear(id, rule.id, now);
        } else {
            m_alerts.raise(id, rule.id, next, formatLabel(rule.label, input->value, id), now);
        }
        current = next;
    }
}

size_t OverlayEvaluator::update(TelemetryStore& store, int64_t cursorMs, bool live,
                                std::span<EntityVisualState> states) {
    if (live) {
        for (const EntityKey key : store.changed())
            evaluateAlerts(store, key, cursorMs);
    }
    size_t evaluated = 0;
    if (m_allDirty || (!live && cursorMs != m_lastCursor)) {
        evaluateAll(store, cursorMs, states);
        evaluated = m_slotToEntity.size();
    } else {
        for (const EntityKey key : store.changed()) {
            const auto [begin, end] = m_entityToSlots.equal_range(key);
            for (auto it = begin; it != end; ++it) {
                evaluateSlot(store, it->second, cursorMs, states[it->second]);
                ++evaluated;
            }
        }
        for (size_t slot = 0; slot < m_staleDeadline.size(); ++slot) {
            if (cursorMs >= m_staleDeadline[slot]) {
                evaluateSlot(store, slot, cursorMs, states[slot]);
                ++evaluated;
            }
        }
    }
    store.clearChanged();
    m_lastCursor = cursorMs;
    return evaluated;
}

void OverlayEvaluator::evaluateAll(const TelemetryStore& store, int64_t cursorMs,
                                   std::span<EntityVisualState> states) {
    for (size_t slot = 0; slot < m_slotToEntity.size(); ++slot) {
        evaluateSlot(store, slot, cursorMs, states[slot]);
    }
    m_allDirty = false;
}

std::string OverlayEvaluator::label(const TelemetryStore& store, size_t slot,
                                    int64_t cursorMs) const {
    if (slot >= m_slotRule.size() || m_slotRule[slot] == 0) return {};
    const Rule& rule = m_rules.rules[m_slotRule[slot] - 1];
    const EntityKey key = m_slotToEntity[slot];
    const auto value = ruleValue(store, rule, key, cursorMs);
    return value ? formatLabel(rule.label, *value, store.idOf(key)) : std::string("—");
}

}  // namespace pt::data
