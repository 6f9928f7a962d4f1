#include "data/ingestor.h"

#include "core/result.h"

namespace pt::data {

Ingestor::Ingestor(TelemetryStore& store, const Clock& clock, IngestOptions options,
                   size_t queueCapacity)
    : m_store(store),
      m_clock(clock),
      m_options(std::move(options)),
      m_queue(queueCapacity, &m_stats) {}

EntityKey Ingestor::resolve(InternId id) {
    if (id >= m_keyOfId.size()) m_keyOfId.resize(size_t(id) + 1, kNoEntity);
    EntityKey& key = m_keyOfId[id];
    if (key != kNoEntity) return key;
    const std::string_view entity = m_queue.interner().name(id);
    key = m_store.find(entity);
    if (key == kNoEntity && (!m_options.entityValidator || m_options.entityValidator(entity))) {
        key = m_store.ensureEntity(entity);  // the parser checked the id syntax before interning
    }
    return key;
}

bool Ingestor::acceptTimestamp(std::string_view entity, int64_t tsMs, int64_t limit) {
    if (tsMs <= limit) return true;
    m_stats.reject(RejectKind::FutureTimestamp, entity,
                   strCat("ts ", tsMs, " is ahead of the clock"));
    return false;
}

size_t Ingestor::drain() {
    m_queue.drain(m_batch);
    const int64_t limit = m_clock.nowMs() + m_options.maxFutureSkewMs;
    size_t applied = 0;
    auto outOfOrder = [&](std::string_view entity, Channel channel, int64_t tsMs) {
        m_stats.reject(RejectKind::OutOfOrder, entity,
                       strCat(channelName(channel), " ts ", tsMs, " is older than the latest"));
    };
    for (Sample& sample : m_batch.samples) {
        if (!isValidEntityId(sample.entity)) {  // sources other than MQTT skip the parser
            m_stats.reject(RejectKind::BadTopic, sample.entity, "invalid entity id");
            continue;
        }
        if (!valueFitsChannel(sample.value, sample.channel)) {  // the parser checks its own
            m_stats.reject(RejectKind::WrongType, sample.entity,
                           strCat("wrong value type for ", channelName(sample.channel)));
            continue;
        }
        if (!acceptTimestamp(sample.entity, sample.tsMs, limit)) continue;
        EntityKey key = m_store.find(sample.entity);
        if (key == kNoEntity) {
            if (m_options.entityValidator && !m_options.entityValidator(sample.entity)) {
                m_stats.reject(RejectKind::UnknownEntity, sample.entity);
                continue;
            }
            key = m_store.ensureEntity(sample.entity);
        }
        if (!m_store.apply(key, sample.channel, std::move(sample.value), sample.tsMs)) {
            outOfOrder(sample.entity, sample.channel, sample.tsMs);
            continue;
        }
        ++applied;
    }
    // The hot path: interned numbers, no strings touched unless something is rejected. Each
    // apply writes into another entity's history, a cache miss apiece; prefetching a few
    // samples ahead (the series header, then the history slot it will write) lets those misses
    // overlap.
    const std::span<const NumberSample> numbers = m_batch.numbers;
    const EntityKey* keyOfId = m_keyOfId.data();  // refreshed when resolve() grows the table
    size_t knownIds = m_keyOfId.size();
    auto ahead = [&](size_t i, int stage) {
        const NumberSample& n = numbers[i];
        if (n.entity < knownIds && keyOfId[n.entity] != kNoEntity)
            m_store.prefetch(keyOfId[n.entity], n.channel, stage);
    };
    const size_t count = numbers.size();
    constexpr size_t kSlotAhead = 8, kHeaderAhead = 16;
    for (size_t i = 0; i < count; ++i) {
        if (i + kHeaderAhead < count) ahead(i + kHeaderAhead, 1);
        if (i + kSlotAhead < count) ahead(i + kSlotAhead, 2);
        const NumberSample& n = numbers[i];
        EntityKey key = n.entity < knownIds ? keyOfId[n.entity] : kNoEntity;
        if (n.tsMs <= limit && key != kNoEntity &&
            m_store.applyNumber(key, n.channel, n.value, n.tsMs)) {
            ++applied;
            continue;
        }
        // Rejected, or an id seen for the first time.
        if (n.tsMs > limit) {
            acceptTimestamp(m_queue.interner().name(n.entity), n.tsMs, limit);
            continue;
        }
        if (key == kNoEntity) {
            key = resolve(n.entity);
            keyOfId = m_keyOfId.data();
            knownIds = m_keyOfId.size();
            if (key == kNoEntity) {
                m_stats.reject(RejectKind::UnknownEntity, m_queue.interner().name(n.entity));
                continue;
            }
            if (m_store.applyNumber(key, n.channel, n.value, n.tsMs)) {
                ++applied;
                continue;
            }
        }
        outOfOrder(m_queue.interner().name(n.entity), n.channel, n.tsMs);
    }
    m_stats.countAccepted(applied);
    return applied;
}

}  // namespace pt::data
