#include "data/telemetry_store.h"

#include <algorithm>

#include "core/check.h"

namespace pt::data {

struct TelemetryStore::Series {
    TimedValue latest;
    HistoryRing<TimedValue> fine;
    HistoryRing<TimedValue> coarse;
};

struct TelemetryStore::Entity {
    std::string id;
    EntityKey parent = kNoEntity;
    std::vector<EntityKey> children;
    double capacity = 0;
    double areaM2 = 0;
    LeaseState lease = LeaseState::Unknown;
    bool changed = false;
    std::array<std::unique_ptr<Series>, kChannelCount> channels;
};

namespace {

// Copies a timed value; number onto number (every sample of a numeric channel) without the
// variant's visitation.
void assign(TimedValue& dst, const TimedValue& src) {
    dst.tsMs = src.tsMs;
    double* to = std::get_if<double>(&dst.value);
    const double* from = std::get_if<double>(&src.value);
    if (to && from) {
        *to = *from;
    } else {
        dst.value = src.value;
    }
}

}  // namespace

std::optional<double> VacancyStats::rate() const {
    if (units == 0) return std::nullopt;
    if (areaM2 > 0) return vacantAreaM2 / areaM2;
    return double(vacantUnits) / double(units);
}

TelemetryStore::TelemetryStore(HistoryConfig config) : m_config(config) {}
TelemetryStore::~TelemetryStore() = default;

EntityKey TelemetryStore::ensureEntity(std::string_view id) {
    if (const auto it = m_index.find(id); it != m_index.end()) return it->second;
    PT_CHECK(isValidEntityId(id));
    const std::string_view parentPath = parentId(id);
    const EntityKey parent = parentPath.empty() ? kNoEntity : ensureEntity(parentPath);
    const auto key = EntityKey(m_entities.size());
    m_entities.push_back(Entity{.id = std::string(id), .parent = parent});
    if (parent != kNoEntity) m_entities[parent].children.push_back(key);
    m_index.emplace(std::string(id), key);
    return key;
}

EntityKey TelemetryStore::find(std::string_view id) const {
    const auto it = m_index.find(id);
    return it == m_index.end() ? kNoEntity : it->second;
}

const std::string& TelemetryStore::idOf(EntityKey key) const {
    return m_entities.at(key).id;
}
size_t TelemetryStore::entityCount() const {
    return m_entities.size();
}
EntityKey TelemetryStore::parentOf(EntityKey key) const {
    return m_entities.at(key).parent;
}
std::span<const EntityKey> TelemetryStore::childrenOf(EntityKey key) const {
    return m_entities.at(key).children;
}

void TelemetryStore::setCapacity(EntityKey key, double people) {
    m_entities.at(key).capacity = people;
    markChanged(key, true);
}

void TelemetryStore::setLease(EntityKey key, LeaseState lease, double areaM2) {
    m_entities.at(key).lease = lease;
    m_entities.at(key).areaM2 = areaM2;
    markChanged(key, true);
}

LeaseState TelemetryStore::leaseOf(EntityKey key) const {
    return m_entities.at(key).lease;
}

bool TelemetryStore::apply(EntityKey key, Channel channel, Value value, int64_t tsMs) {
    auto& slot = m_entities.at(key).channels[size_t(channel)];
    if (!slot) {
        slot = std::make_unique<Series>();
        slot->fine = HistoryRing<TimedValue>(m_config.fineDepth);
        slot->coarse = HistoryRing<TimedValue>(m_config.coarseDepth);
    } else if (tsMs < slot->latest.tsMs) {
        return false;
    }
    slot->latest.tsMs = tsMs;
    if (const double* d = std::get_if<double>(&value); d && slot->latest.value.index() == 0) {
        *std::get_if<double>(&slot->latest.value) = *d;
    } else {
        slot->latest.value = std::move(value);
    }
    if (slot->fine.capacity() > 0) assign(slot->fine.pushSlot(), slot->latest);
    const int64_t res = std::max<int64_t>(1, m_config.coarseResolutionMs);
    if (!slot->coarse.empty() && slot->coarse.back().tsMs / res == tsMs / res) {
        assign(slot->coarse.back(), slot->latest);  // keep the last value of each bucket
    } else if (slot->coarse.capacity() > 0) {
        assign(slot->coarse.pushSlot(), slot->latest);
    }
    markChanged(key, isSummable(channel));
    return true;
}

void TelemetryStore::prefetch(EntityKey key, Channel channel, int stage) const {
    if (key >= m_entities.size()) return;
    const auto& slot = m_entities[key].channels[size_t(channel)];
    if (stage == 0) return __builtin_prefetch(&slot);
    const Series* s = slot.get();
    if (!s) return;
    if (stage == 1) return __builtin_prefetch(s, 1);
    if (const TimedValue* next = s->fine.nextSlot()) __builtin_prefetch(next, 1);
    if (!s->coarse.empty()) __builtin_prefetch(&s->coarse.back(), 1);
}

const TelemetryStore::Series* TelemetryStore::series(EntityKey key, Channel channel) const {
    if (key >= m_entities.size()) return nullptr;
    return m_entities[key].channels[size_t(channel)].get();
}

const TimedValue* TelemetryStore::latest(EntityKey key, Channel channel) const {
    const Series* s = series(key, channel);
    return s ? &s->latest : nullptr;
}

const TimedValue* TelemetryStore::valueAt(EntityKey key, Channel channel, int64_t t) const {
    const Series* s = series(key, channel);
    if (!s) return nullptr;
    if (t >= s->latest.tsMs) return &s->latest;
    if (!s->fine.empty() && t >= s->fine[0].tsMs) return s->fine.atOrBefore(t);
    return s->coarse.atOrBefore(t);
}

std::optional<double> TelemetryStore::numberAt(EntityKey key, Channel channel, int64_t t) const {
    const TimedValue* v = valueAt(key, channel, t);
    if (!v) return std::nullopt;
    if (const double* d = std::get_if<double>(&v->value)) return *d;
    return std::nullopt;
}

bool TelemetryStore::isStale(EntityKey key, Channel channel, int64_t t,
                             int64_t staleAfterMs) const {
    const TimedValue* v = valueAt(key, channel, t);
    return !v || t - v->tsMs > staleAfterMs;
}

Aggregate TelemetryStore::aggregate(EntityKey key, Channel channel, int64_t t) const {
    Aggregate result;
    if (key >= m_entities.size()) return result;
    if (const auto own = numberAt(key, channel, t)) {
        result.sum = *own;
        result.sources = 1;
        result.oldestTsMs = valueAt(key, channel, t)->tsMs;
        return result;
    }
    if (!isSummable(channel)) return result;
    for (const EntityKey child : m_entities[key].children) {
        const Aggregate part = aggregate(child, channel, t);
        result.sum += part.sum;
        result.sources += part.sources;
        result.oldestTsMs = std::min(result.oldestTsMs, part.oldestTsMs);
    }
    return result;
}

double TelemetryStore::capacity(EntityKey key) const {
    if (key >= m_entities.size()) return 0;
    const Entity& e = m_entities[key];
    if (e.capacity > 0) return e.capacity;
    double sum = 0;
    for (const EntityKey child : e.children)
        sum += capacity(child);
    return sum;
}

std::optional<double> TelemetryStore::occupancyRatio(EntityKey key, int64_t t) const {
    const double cap = capacity(key);
    const Aggregate occ = aggregate(key, Channel::Occupancy, t);
    if (cap <= 0 || occ.sources == 0) return std::nullopt;
    return occ.sum / cap;
}

VacancyStats TelemetryStore::vacancy(EntityKey key) const {
    VacancyStats stats;
    if (key >= m_entities.size()) return stats;
    std::vector<EntityKey> stack{key};
    bool allHaveArea = true;
    while (!stack.empty()) {
        const Entity& e = m_entities[stack.back()];
        stack.pop_back();
        stack.insert(stack.end(), e.children.begin(), e.children.end());
        if (e.lease == LeaseState::Unknown) continue;
        const bool vacant = e.lease == LeaseState::Vacant;
        ++stats.units;
        stats.vacantUnits += vacant ? 1 : 0;
        stats.areaM2 += e.areaM2;
        stats.vacantAreaM2 += vacant ? e.areaM2 : 0;
        allHaveArea = allHaveArea && e.areaM2 > 0;
    }
    if (!allHaveArea) stats.areaM2 = stats.vacantAreaM2 = 0;
    return stats;
}

std::optional<double> TelemetryStore::baselineAt(EntityKey key, Channel channel,
                                                 int64_t since) const {
    const Series* s = series(key, channel);
    if (!s) return std::nullopt;
    if (const auto v = numberAt(key, channel, since)) return v;
    // Nothing at or before `since`: the first sample kept after it is the best baseline.
    // The coarse ring keeps the *last* value per bucket, so the fine ring may hold an older one.
    const TimedValue* first = &s->latest;
    if (!s->coarse.empty() && s->coarse[0].tsMs < first->tsMs) first = &s->coarse[0];
    if (!s->fine.empty() && s->fine[0].tsMs < first->tsMs) first = &s->fine[0];
    if (const double* d = std::get_if<double>(&first->value)) return *d;
    return std::nullopt;
}

std::optional<double> TelemetryStore::deltaSince(EntityKey key, Channel channel, int64_t since,
                                                 int64_t t) const {
    if (key >= m_entities.size()) return std::nullopt;
    if (const auto now = numberAt(key, channel, t)) {
        const auto base = baselineAt(key, channel, since);
        return base ? std::optional<double>(*now - *base) : std::nullopt;
    }
    std::optional<double> sum;
    for (const EntityKey child : m_entities[key].children) {
        if (const auto part = deltaSince(child, channel, since, t)) sum = sum.value_or(0) + *part;
    }
    return sum;
}

void TelemetryStore::markChanged(EntityKey key, bool withAncestors) {
    while (key != kNoEntity) {
        Entity& e = m_entities[key];
        if (!e.changed) {
            e.changed = true;
            m_changed.push_back(key);
        } else if (!withAncestors) {
            return;
        }
        if (!withAncestors) return;
        key = e.parent;
    }
}

void TelemetryStore::clearChanged() {
    for (const EntityKey key : m_changed)
        m_entities[key].changed = false;
    m_changed.clear();
}

}  // namespace pt::data
