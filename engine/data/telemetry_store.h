#pragma once
// TelemetryStore: the latest value and a bounded history per entity and channel, the entity tree
// taken from the hierarchical ids, and aggregation up that tree (unit -> floor -> building ->
// park). MAIN THREAD ONLY: sources never touch it; they go through IngestQueue, and Ingestor
// applies the drained samples once per frame. Pointers returned by lookups stay valid until the
// next apply() to the same entity and channel.
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/entity_interner.h"
#include "data/history_ring.h"
#include "data/sample.h"

namespace pt::data {

using EntityKey = uint32_t;
inline constexpr EntityKey kNoEntity = std::numeric_limits<EntityKey>::max();

struct TimedValue {
    int64_t tsMs = 0;
    Value value;
};

// History depth: `fineDepth` samples at full rate (the last minutes), plus one sample per
// `coarseResolutionMs` for `coarseDepth` buckets (default: 24 h at 1-minute resolution).
struct HistoryConfig {
    size_t fineDepth = 256;
    int64_t coarseResolutionMs = 60'000;
    size_t coarseDepth = 24 * 60;
};

enum class LeaseState : uint8_t { Unknown, Vacant, Leased, Reserved, FittingOut };

// A sum over a subtree. `oldestTsMs` is the oldest contributing sample: the sum is only as fresh
// as its stalest part.
struct Aggregate {
    double sum = 0;
    int sources = 0;
    int64_t oldestTsMs = std::numeric_limits<int64_t>::max();
};

struct VacancyStats {
    int units = 0;
    int vacantUnits = 0;
    double areaM2 = 0;
    double vacantAreaM2 = 0;
    // By area where every unit has an area, else by count; nullopt without lease data.
    std::optional<double> rate() const;
};

class TelemetryStore {
public:
    explicit TelemetryStore(HistoryConfig config = {});
    ~TelemetryStore();
    TelemetryStore(const TelemetryStore&) = delete;
    TelemetryStore& operator=(const TelemetryStore&) = delete;

    // Registers an entity and all its ancestors; returns its key (existing or new). Keys are
    // dense and stable for the store's lifetime. Precondition: isValidEntityId(id).
    EntityKey ensureEntity(std::string_view id);
    EntityKey find(std::string_view id) const;
    const std::string& idOf(EntityKey key) const;
    EntityKey parentOf(EntityKey key) const;
    std::span<const EntityKey> childrenOf(EntityKey key) const;
    size_t entityCount() const;

    // Static facts from the park model, used by aggregation.
    void setCapacity(EntityKey key, double people);
    void setLease(EntityKey key, LeaseState lease, double areaM2 = 0);
    LeaseState leaseOf(EntityKey key) const;

    // Applies a sample; false (and nothing changes) if older than the latest one held.
    bool apply(EntityKey key, Channel channel, Value value, int64_t tsMs);
    bool apply(const Sample& sample) {
        return apply(ensureEntity(sample.entity), sample.channel, sample.value, sample.tsMs);
    }

    // A hint before apply() in a loop: pulls in the memory apply() will write, one level per
    // stage (0: the entity; 1: its series; 2: the history slots), so that a caller issuing
    // stage 0 for sample i+12, 1 for i+8 and 2 for i+4 overlaps the cache misses of many
    // samples instead of waiting for each in turn. No effect on the contents.
    void prefetch(EntityKey key, Channel channel, int stage) const;

    const TimedValue* latest(EntityKey key, Channel channel) const;
    // The value that was current at time t (the newest sample at or before t), for the cursor.
    const TimedValue* valueAt(EntityKey key, Channel channel, int64_t t) const;
    std::optional<double> numberAt(EntityKey key, Channel channel, int64_t t) const;
    // No sample, or the sample current at `t` is older than staleAfterMs.
    bool isStale(EntityKey key, Channel channel, int64_t t, int64_t staleAfterMs) const;

    // Summable channels: an entity's own value if it reports one (a building meter measures the
    // whole building, so its children must not be added again), else the sum of its children.
    Aggregate aggregate(EntityKey key, Channel channel, int64_t t) const;
    // Capacity of the subtree (own capacity if set, else children's sum); 0 when unknown.
    double capacity(EntityKey key) const;
    // Aggregated occupancy / capacity at time t.
    std::optional<double> occupancyRatio(EntityKey key, int64_t t) const;
    // Over the units (entities with a lease state) in the subtree.
    VacancyStats vacancy(EntityKey key) const;
    // Change of a cumulative counter (energy) between `since` and `t`, aggregated over the
    // subtree. The baseline is the value current at `since`, or the first one after it.
    std::optional<double> deltaSince(EntityKey key, Channel channel, int64_t since,
                                     int64_t t) const;

    // Entities whose own data or aggregate changed since the last clearChanged(), each once.
    const std::vector<EntityKey>& changed() const { return m_changed; }
    void clearChanged();

private:
    struct Series;
    struct Entity;
    const Series* series(EntityKey key, Channel channel) const;
    void markChanged(EntityKey key, bool withAncestors);
    std::optional<double> baselineAt(EntityKey key, Channel channel, int64_t since) const;

    HistoryConfig m_config;
    std::vector<Entity> m_entities;
    std::unordered_map<std::string, EntityKey, StringHash, std::equal_to<>> m_index;
    std::vector<EntityKey> m_changed;
};

}  // namespace pt::data
