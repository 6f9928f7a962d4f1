#pragma once
// TelemetryStore: the latest value and a bounded history per entity and channel, the entity tree
// taken from the hierarchical ids, and aggregation up that tree (unit -> floor -> building ->
// park). MAIN THREAD ONLY: sources never touch it; they go through IngestQueue, and Ingestor
// applies the drained samples once per frame. Lookups return values (copies), not pointers into
// the history.
//
// Layout (the apply path is memory-bound: each sample writes into another entity's history):
// numeric channels keep their history as plain {ts, number} entries (16 bytes) in a dense array
// of series headers (32 bytes: latest + the full-rate ring), found through a dense
// entity x channel -> series table; the coarse ring only takes a write when a sample starts a new
// bucket, since the current bucket's last value is the latest. Enum and pose channels (rare:
// OCPP status, drone state and pose) keep variant values (48 bytes an entry).
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

// A prefetch of the cache line at `p` (for writing: `write`). An asm statement, not
// __builtin_prefetch: GCC 12 found prefetch() "pure" (no side effects in its analysis) and
// deleted every call to it, so the drain ran without any prefetch until this was noticed in
// the disassembly. prefetchw fetches the line for ownership (x86-64; a no-op where unsupported).
inline void prefetchLine(const void* p, bool write) {
#if defined(__x86_64__)
    if (write) {
        asm volatile("prefetchw %0" : : "m"(*static_cast<const char*>(p)));
    } else {
        asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
    }
#else
    __builtin_prefetch(p, write ? 1 : 0);
#endif
}

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

    // Applies a sample; false (and nothing changes) if older than the latest one held, or if the
    // value is not of the channel's kind (valueFitsChannel()).
    bool apply(EntityKey key, Channel channel, Value value, int64_t tsMs);
    bool apply(const Sample& sample) {
        return apply(ensureEntity(sample.entity), sample.channel, sample.value, sample.tsMs);
    }
    // The same for a number, without the variant (the ingest hot path). Inline for the common
    // case (an existing series, a later sample in the coarse bucket of the last one applied, a
    // ring with room); everything else goes through applyNumberSlow(), with the same effect.
    [[gnu::always_inline]] bool applyNumber(EntityKey key, Channel channel, double value,
                                            int64_t tsMs) {
        if (key < m_parents.size() && valueKindOf(channel) == ValueKind::Number) {
            const uint32_t index = m_seriesOf[size_t(key) * kChannelCount + size_t(channel)];
            if (index != kNoSeries) {
                NumberSeries& s = m_numbers[index];
                const NumberPoint point{tsMs, value};
                if (tsMs >= s.latest.tsMs && s.latest.tsMs >= m_bucketStart && tsMs < m_bucketEnd &&
                    s.fine.pushInPlace(point, m_config.fineDepth)) {
                    s.latest = point;
                    markChangedInline(key, isSummable(channel));
                    return true;
                }
            }
        }
        return applyNumberSlow(key, channel, value, tsMs);
    }

    // A hint before apply() in a loop: pulls in the memory apply() will write, one level per
    // stage (0: the entity; 1: its series; 2: the history slots), so that a caller issuing
    // stage 0 for sample i+12, 1 for i+8 and 2 for i+4 overlaps the cache misses of many
    // samples instead of waiting for each in turn. No effect on the contents.
    void prefetch(EntityKey key, Channel channel, int stage) const {
        if (key >= m_parents.size()) return;
        const size_t slot = size_t(key) * kChannelCount + size_t(channel);
        if (stage == 0) return prefetchLine(m_seriesOf.data() + slot, false);
        const uint32_t index = m_seriesOf[slot];
        if (index == kNoSeries || valueKindOf(channel) != ValueKind::Number) return;
        if (stage == 1) return prefetchLine(m_numbers.data() + index, true);
        if (const NumberPoint* next = m_numbers[index].fine.nextSlot(m_config.fineDepth))
            prefetchLine(next, true);
    }

    std::optional<TimedValue> latest(EntityKey key, Channel channel) const;
    // The value that was current at time t (the newest sample at or before t), for the cursor.
    std::optional<TimedValue> valueAt(EntityKey key, Channel channel, int64_t t) const;
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

    // Bytes held by the history rings (entries allocated, not the fixed per-series headers).
    size_t historyBytes() const;

    // Entities whose own data or aggregate changed since the last clearChanged(), each once.
    const std::vector<EntityKey>& changed() const { return m_changed; }
    void clearChanged();

private:
    struct NumberSeries {
        NumberPoint latest;
        NumberRing fine;  // full rate, the latest included
    };
    struct ValueSeries;
    struct Entity;
    static constexpr uint32_t kNoSeries = std::numeric_limits<uint32_t>::max();
    static constexpr uint8_t kChanged = 1;
    static constexpr uint8_t kAncestorsChanged = 2;  // and every ancestor is marked too
    uint32_t seriesIndex(EntityKey key, Channel channel) const {
        return key < m_parents.size() ? m_seriesOf[size_t(key) * kChannelCount + size_t(channel)]
                                      : kNoSeries;
    }
    bool applyNumberSlow(EntityKey key, Channel channel, double value, int64_t tsMs);
    const NumberPoint* numberPointAt(uint32_t series, int64_t t) const;
    // Whether two timestamps (earlier <= later) fall in the same coarse bucket.
    bool sameBucket(int64_t earlier, int64_t later);
    void markChanged(EntityKey key, bool withAncestors);
    // markChanged() with its first step inline (the entity itself; its parent is usually marked
    // already, by another child earlier in the frame). Forced inline: GCC kept it a call, ~14 %
    // of the frame loop's samples in the broker bench.
    [[gnu::always_inline]] void markChangedInline(EntityKey key, bool withAncestors) {
        uint8_t& flags = m_changedFlags[key];
        if (flags & (withAncestors ? kAncestorsChanged : kChanged)) return;
        if (flags == 0) m_changed.push_back(key);
        if (!withAncestors) {
            flags |= kChanged;
            return;
        }
        flags = kChanged | kAncestorsChanged;
        const EntityKey parent = m_parents[key];
        if (parent != kNoEntity && !(m_changedFlags[parent] & kAncestorsChanged))
            markChanged(parent, true);
    }
    std::optional<double> baselineAt(EntityKey key, Channel channel, int64_t since) const;

    HistoryConfig m_config;
    NumberArena m_arena;      // the entries of every NumberRing below
    size_t m_coarseCapacity;  // completed buckets; the current one is the latest value
    int64_t m_bucketStart = 0, m_bucketEnd = 0;  // the coarse bucket of the last sample seen
    std::vector<Entity> m_entities;
    // Dense per-entity arrays that the apply path touches (Entity is cold).
    std::vector<EntityKey> m_parents;
    std::vector<uint8_t> m_changedFlags;  // kChanged | kAncestorsChanged
    std::vector<uint32_t> m_seriesOf;     // key * kChannelCount + channel -> series, or kNoSeries
    // Numeric series: hot headers, and their coarse rings beside them (same index).
    std::vector<NumberSeries> m_numbers;
    std::vector<NumberRing> m_numberCoarse;
    std::vector<ValueSeries> m_values;
    std::unordered_map<std::string, EntityKey, StringHash, std::equal_to<>> m_index;
    std::vector<EntityKey> m_changed;
};

}  // namespace pt::data
