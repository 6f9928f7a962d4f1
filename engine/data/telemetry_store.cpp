#include "data/telemetry_store.h"

#include <algorithm>
#include <mutex>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "core/check.h"

namespace pt::data {

static_assert(sizeof(NumberPoint) == 16);

struct TelemetryStore::ValueSeries {
    TimedValue latest;
    HistoryRing<TimedValue> fine;
    HistoryRing<TimedValue> coarse;  // the last value of each bucket, the current one included
};

struct TelemetryStore::Entity {
    std::string id;
    std::vector<EntityKey> children;
    double capacity = 0;
    double areaM2 = 0;
    LeaseState lease = LeaseState::Unknown;
};

namespace {

// Copies a timed value; string onto string reuses its storage.
void assign(TimedValue& dst, const TimedValue& src) {
    dst.tsMs = src.tsMs;
    std::string* to = std::get_if<std::string>(&dst.value);
    const std::string* from = std::get_if<std::string>(&src.value);
    if (to && from) {
        to->assign(*from);
    } else {
        dst.value = src.value;
    }
}

TimedValue timed(const NumberPoint& p) {
    return TimedValue{.tsMs = p.tsMs, .value = p.value};
}

}  // namespace

// ---- NumberArena (history_ring.h) ------------------------------------------------------------

namespace {
constexpr size_t kLine = 64;
constexpr size_t kHugePage = size_t(2) << 20;
constexpr size_t kMaxChunk = size_t(32) << 20;
constexpr size_t kLargeBlock = size_t(1) << 20;  // larger blocks get their own allocation
}  // namespace

// Mapped chunks of arenas that are gone, kept (up to kSpareLimit bytes) for the next arena, as
// malloc keeps freed memory: a store that replaces another (a reloaded park, a test) then writes
// into pages already faulted in instead of having the kernel zero fresh huge pages.
class SpareChunks {
public:
    static SpareChunks& instance() {
        // Never destroyed: a static store's arena may go after any other static.
        static SpareChunks* spare = new SpareChunks;
        return *spare;
    }
    bool put(void* base, size_t bytes) {
        std::lock_guard lock(m_mutex);
        if (m_bytes + bytes > kSpareLimit) return false;
        m_chunks.emplace_back(base, bytes);
        m_bytes += bytes;
        return true;
    }
    void* take(size_t bytes) {
        std::lock_guard lock(m_mutex);
        for (size_t i = 0; i < m_chunks.size(); ++i) {
            if (m_chunks[i].second != bytes) continue;
            void* base = m_chunks[i].first;
            m_chunks.erase(m_chunks.begin() + ptrdiff_t(i));
            m_bytes -= bytes;
            return base;
        }
        return nullptr;
    }

private:
    static constexpr size_t kSpareLimit = size_t(256) << 20;
    std::mutex m_mutex;
    std::vector<std::pair<void*, size_t>> m_chunks;  // mapped, kept for the process lifetime
    size_t m_bytes = 0;
};

NumberArena::~NumberArena() {
    for (const Chunk& c : m_chunks) {
#if defined(__linux__)
        if (c.mapped) {
            if (!SpareChunks::instance().put(c.base, c.bytes)) ::munmap(c.base, c.bytes);
            continue;
        }
#endif
        ::operator delete(c.base, std::align_val_t(kLine));
    }
}

NumberArena::Chunk NumberArena::newChunk(size_t bytes) {
#if defined(__linux__)
    // Over-map by a huge page to start on a 2 MiB boundary, so whole chunks can be huge pages.
    const size_t mapped = bytes + kHugePage;
    void* base = SpareChunks::instance().take(mapped);
    if (!base) {
        base = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }
    if (base != MAP_FAILED) {
        m_chunks.push_back({base, mapped, true});
        m_reserved += mapped;
        const auto start = (reinterpret_cast<uintptr_t>(base) + kHugePage - 1) & ~(kHugePage - 1);
        (void)::madvise(reinterpret_cast<void*>(start), bytes, MADV_HUGEPAGE);  // a hint only
        return {reinterpret_cast<void*>(start), bytes, true};
    }
#endif
    void* block = ::operator new(bytes, std::align_val_t(kLine));
    m_chunks.push_back({block, bytes, false});
    m_reserved += bytes;
    return m_chunks.back();
}

NumberPoint* NumberArena::allocate(size_t count) {
    for (auto& [n, blocks] : m_free) {
        if (n == count && !blocks.empty()) {
            NumberPoint* block = blocks.back();
            blocks.pop_back();
            return block;
        }
    }
    const size_t bytes = (count * sizeof(NumberPoint) + kLine - 1) & ~(kLine - 1);
    if (bytes > kLargeBlock) return static_cast<NumberPoint*>(newChunk(bytes).base);
    if (size_t(m_end - m_cursor) < bytes) {
        const Chunk chunk = newChunk(m_nextChunk);
        m_cursor = static_cast<char*>(chunk.base);
        m_end = m_cursor + chunk.bytes;
        m_nextChunk = std::min(kMaxChunk, m_nextChunk * 2);
    }
    auto* block = reinterpret_cast<NumberPoint*>(m_cursor);
    m_cursor += bytes;
    return block;
}

void NumberArena::release(NumberPoint* block, size_t count) {
    // Kept for the next ring of the same size (large blocks too); memory goes back to the
    // system with the arena.
    for (auto& [n, blocks] : m_free) {
        if (n == count) return blocks.push_back(block);
    }
    m_free.emplace_back(count, std::vector<NumberPoint*>{block});
}

// ---- TelemetryStore --------------------------------------------------------------------------

std::optional<double> VacancyStats::rate() const {
    if (units == 0) return std::nullopt;
    if (areaM2 > 0) return vacantAreaM2 / areaM2;
    return double(vacantUnits) / double(units);
}

TelemetryStore::TelemetryStore(HistoryConfig config)
    : m_config(config), m_coarseCapacity(config.coarseDepth > 0 ? config.coarseDepth - 1 : 0) {
    m_config.coarseResolutionMs = std::max<int64_t>(1, m_config.coarseResolutionMs);
}
TelemetryStore::~TelemetryStore() = default;

EntityKey TelemetryStore::ensureEntity(std::string_view id) {
    if (const auto it = m_index.find(id); it != m_index.end()) return it->second;
    PT_CHECK(isValidEntityId(id));
    const std::string_view parentPath = parentId(id);
    const EntityKey parent = parentPath.empty() ? kNoEntity : ensureEntity(parentPath);
    const auto key = EntityKey(m_entities.size());
    m_entities.push_back(Entity{.id = std::string(id)});
    m_parents.push_back(parent);
    m_changedFlags.push_back(0);
    m_seriesOf.resize(m_seriesOf.size() + kChannelCount, kNoSeries);
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
    return m_parents.at(key);
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
    const double* number = std::get_if<double>(&value);
    if (number && valueKindOf(channel) == ValueKind::Number) {
        return applyNumber(key, channel, *number, tsMs);
    }
    PT_CHECK(key < m_parents.size());
    if (!valueFitsChannel(value, channel)) return false;
    uint32_t& index = m_seriesOf[size_t(key) * kChannelCount + size_t(channel)];
    if (index == kNoSeries) {
        index = uint32_t(m_values.size());
        m_values.push_back(ValueSeries{.fine = HistoryRing<TimedValue>(m_config.fineDepth),
                                       .coarse = HistoryRing<TimedValue>(m_config.coarseDepth)});
    } else if (tsMs < m_values[index].latest.tsMs) {
        return false;
    }
    ValueSeries& s = m_values[index];
    s.latest.tsMs = tsMs;
    s.latest.value = std::move(value);
    if (s.fine.capacity() > 0) assign(s.fine.pushSlot(), s.latest);
    const int64_t res = m_config.coarseResolutionMs;
    if (!s.coarse.empty() && s.coarse.back().tsMs / res == tsMs / res) {
        assign(s.coarse.back(), s.latest);  // keep the last value of each bucket
    } else if (s.coarse.capacity() > 0) {
        assign(s.coarse.pushSlot(), s.latest);
    }
    markChanged(key, isSummable(channel));
    return true;
}

bool TelemetryStore::applyNumberSlow(EntityKey key, Channel channel, double value, int64_t tsMs) {
    PT_CHECK(key < m_parents.size());
    if (valueKindOf(channel) != ValueKind::Number) return false;
    uint32_t& index = m_seriesOf[size_t(key) * kChannelCount + size_t(channel)];
    if (index == kNoSeries) {
        index = uint32_t(m_numbers.size());
        m_numbers.emplace_back();
        m_numberCoarse.emplace_back();
    } else {
        const NumberPoint previous = m_numbers[index].latest;
        if (tsMs < previous.tsMs) return false;
        // The previous latest was the last value of its bucket if this one starts a new bucket.
        if (!sameBucket(previous.tsMs, tsMs))
            m_numberCoarse[index].push(previous, m_coarseCapacity, m_arena);
    }
    NumberSeries& s = m_numbers[index];
    s.latest = {tsMs, value};
    s.fine.push(s.latest, m_config.fineDepth, m_arena);
    markChanged(key, isSummable(channel));
    return true;
}

bool TelemetryStore::sameBucket(int64_t earlier, int64_t later) {
    // Nearly every sample falls in the bucket of the one before it (of any series): compare with
    // that bucket's bounds instead of dividing both timestamps (two 64-bit divisions a sample).
    if (earlier >= 0 && later >= m_bucketStart && later < m_bucketEnd)
        return earlier >= m_bucketStart;
    const int64_t res = m_config.coarseResolutionMs;
    if (later >= 0) {
        m_bucketStart = later / res * res;
        m_bucketEnd = m_bucketStart + res;
    }
    return earlier / res == later / res;
}

const NumberPoint* TelemetryStore::numberPointAt(uint32_t series, int64_t t) const {
    const NumberSeries& s = m_numbers[series];
    if (t >= s.latest.tsMs) return &s.latest;
    const size_t fineDepth = m_config.fineDepth;
    if (!s.fine.empty() && t >= s.fine.at(0, fineDepth).tsMs)
        return s.fine.atOrBefore(t, fineDepth);
    return m_numberCoarse[series].atOrBefore(t, m_coarseCapacity);
}

std::optional<TimedValue> TelemetryStore::latest(EntityKey key, Channel channel) const {
    const uint32_t index = seriesIndex(key, channel);
    if (index == kNoSeries) return std::nullopt;
    if (valueKindOf(channel) == ValueKind::Number) return timed(m_numbers[index].latest);
    return m_values[index].latest;
}

std::optional<TimedValue> TelemetryStore::valueAt(EntityKey key, Channel channel, int64_t t) const {
    const uint32_t index = seriesIndex(key, channel);
    if (index == kNoSeries) return std::nullopt;
    if (valueKindOf(channel) == ValueKind::Number) {
        const NumberPoint* p = numberPointAt(index, t);
        return p ? std::optional<TimedValue>(timed(*p)) : std::nullopt;
    }
    const ValueSeries& s = m_values[index];
    const TimedValue* v = nullptr;
    if (t >= s.latest.tsMs) {
        v = &s.latest;
    } else if (!s.fine.empty() && t >= s.fine[0].tsMs) {
        v = s.fine.atOrBefore(t);
    } else {
        v = s.coarse.atOrBefore(t);
    }
    return v ? std::optional<TimedValue>(*v) : std::nullopt;
}

std::optional<double> TelemetryStore::numberAt(EntityKey key, Channel channel, int64_t t) const {
    const uint32_t index = seriesIndex(key, channel);
    if (index == kNoSeries || valueKindOf(channel) != ValueKind::Number) return std::nullopt;
    const NumberPoint* p = numberPointAt(index, t);
    return p ? std::optional<double>(p->value) : std::nullopt;
}

bool TelemetryStore::isStale(EntityKey key, Channel channel, int64_t t,
                             int64_t staleAfterMs) const {
    const uint32_t index = seriesIndex(key, channel);
    if (index == kNoSeries) return true;
    if (valueKindOf(channel) == ValueKind::Number) {
        const NumberPoint* p = numberPointAt(index, t);
        return !p || t - p->tsMs > staleAfterMs;
    }
    const auto v = valueAt(key, channel, t);
    return !v || t - v->tsMs > staleAfterMs;
}

Aggregate TelemetryStore::aggregate(EntityKey key, Channel channel, int64_t t) const {
    Aggregate result;
    if (key >= m_entities.size()) return result;
    if (valueKindOf(channel) != ValueKind::Number) return result;
    if (const uint32_t index = seriesIndex(key, channel); index != kNoSeries) {
        if (const NumberPoint* own = numberPointAt(index, t)) {
            result.sum = own->value;
            result.sources = 1;
            result.oldestTsMs = own->tsMs;
            return result;
        }
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
    const uint32_t index = seriesIndex(key, channel);
    if (index == kNoSeries || valueKindOf(channel) != ValueKind::Number) return std::nullopt;
    if (const NumberPoint* p = numberPointAt(index, since)) return p->value;
    // Nothing at or before `since`: the first sample kept after it is the best baseline.
    // The coarse ring keeps the *last* value per bucket, so the fine ring may hold an older one.
    const NumberSeries& s = m_numbers[index];
    const NumberRing& coarse = m_numberCoarse[index];
    const NumberPoint* first = &s.latest;
    if (!coarse.empty() && coarse.at(0, m_coarseCapacity).tsMs < first->tsMs)
        first = &coarse.at(0, m_coarseCapacity);
    if (!s.fine.empty() && s.fine.at(0, m_config.fineDepth).tsMs < first->tsMs)
        first = &s.fine.at(0, m_config.fineDepth);
    return first->value;
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
        uint8_t& flags = m_changedFlags[key];
        if (flags == 0) m_changed.push_back(key);
        if (!withAncestors) {
            flags |= kChanged;
            return;
        }
        if (flags & kAncestorsChanged) return;
        flags = kChanged | kAncestorsChanged;
        key = m_parents[key];
    }
}

void TelemetryStore::clearChanged() {
    for (const EntityKey key : m_changed)
        m_changedFlags[key] = 0;
    m_changed.clear();
}

size_t TelemetryStore::historyBytes() const {
    size_t bytes = 0;
    for (const NumberSeries& s : m_numbers)
        bytes += s.fine.allocatedBytes(m_config.fineDepth);
    for (const NumberRing& r : m_numberCoarse)
        bytes += r.allocatedBytes(m_coarseCapacity);
    for (const ValueSeries& s : m_values)
        bytes += (s.fine.size() + s.coarse.size()) * sizeof(TimedValue);
    return bytes;
}

}  // namespace pt::data
