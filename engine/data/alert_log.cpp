#include "data/alert_log.h"

#include <algorithm>

namespace pt::data {

Alert* AlertLog::findActiveMutable(std::string_view entity, std::string_view ruleId) {
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        if (it->active() && it->entity == entity && it->ruleId == ruleId) return &*it;
    }
    return nullptr;
}

const Alert* AlertLog::findActive(std::string_view entity, std::string_view ruleId) const {
    return const_cast<AlertLog*>(this)->findActiveMutable(entity, ruleId);
}

uint64_t AlertLog::raise(std::string_view entity, std::string_view ruleId, AlertLevel level,
                         std::string value, int64_t tMs) {
    ++m_revision;
    if (Alert* existing = findActiveMutable(entity, ruleId)) {
        // An escalation needs the operator's eyes again; a de-escalation does not.
        if (level > existing->level) existing->acknowledged = false;
        existing->level = level;
        existing->value = std::move(value);
        return existing->id;
    }
    m_entries.push_back(Alert{.id = m_nextId++,
                              .entity = std::string(entity),
                              .ruleId = std::string(ruleId),
                              .level = level,
                              .value = std::move(value),
                              .raisedMs = tMs});
    trim();
    return m_entries.back().id;
}

void AlertLog::clear(std::string_view entity, std::string_view ruleId, int64_t tMs) {
    if (Alert* existing = findActiveMutable(entity, ruleId)) {
        existing->clearedMs = tMs;
        ++m_revision;
    }
}

bool AlertLog::acknowledge(uint64_t id) {
    for (Alert& a : m_entries) {
        if (a.id == id) {
            a.acknowledged = true;
            ++m_revision;
            return true;
        }
    }
    return false;
}

void AlertLog::acknowledgeAll() {
    for (Alert& a : m_entries)
        a.acknowledged = true;
    ++m_revision;
}

std::vector<const Alert*> AlertLog::active() const {
    std::vector<const Alert*> out;
    for (const Alert& a : m_entries) {
        if (a.active()) out.push_back(&a);
    }
    return out;
}

size_t AlertLog::activeCount() const {
    return size_t(std::count_if(m_entries.begin(), m_entries.end(),
                                [](const Alert& a) { return a.active(); }));
}

// Drops the oldest cleared alerts first; active ones only if everything is active.
void AlertLog::trim() {
    while (m_entries.size() > m_capacity) {
        auto cleared = std::find_if(m_entries.begin(), m_entries.end(),
                                    [](const Alert& a) { return !a.active(); });
        m_entries.erase(cleared != m_entries.end() ? cleared : m_entries.begin());
    }
}

}  // namespace pt::data
