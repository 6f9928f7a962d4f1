#pragma once
// Alerts raised and cleared by rule evaluation, acknowledged by the operator. Bounded: the oldest
// cleared alerts are dropped first, so a 24/7 wall never grows without limit. Main thread only.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "data/rules.h"

namespace pt::data {

struct Alert {
    uint64_t id = 0;
    std::string entity;
    std::string ruleId;
    AlertLevel level = AlertLevel::None;
    std::string value;  // formatted with the rule's label template at raise time
    int64_t raisedMs = 0;
    std::optional<int64_t> clearedMs;
    bool acknowledged = false;
    bool active() const { return !clearedMs.has_value(); }
};

class AlertLog {
public:
    explicit AlertLog(size_t capacity = 1000) : m_capacity(capacity) {}

    // Raises (or changes the level of) the alert for entity+rule; returns its id.
    uint64_t raise(std::string_view entity, std::string_view ruleId, AlertLevel level,
                   std::string value, int64_t tMs);
    // Clears the active alert for entity+rule, if any.
    void clear(std::string_view entity, std::string_view ruleId, int64_t tMs);
    bool acknowledge(uint64_t id);
    void acknowledgeAll();

    // Newest last.
    const std::deque<Alert>& entries() const { return m_entries; }
    std::vector<const Alert*> active() const;
    const Alert* findActive(std::string_view entity, std::string_view ruleId) const;
    size_t activeCount() const;
    // Incremented on every change, so a UI can skip rebuilding an unchanged list.
    uint64_t revision() const { return m_revision; }

private:
    Alert* findActiveMutable(std::string_view entity, std::string_view ruleId);
    void trim();

    std::deque<Alert> m_entries;
    size_t m_capacity;
    uint64_t m_nextId = 1;
    uint64_t m_revision = 0;
};

}  // namespace pt::data
