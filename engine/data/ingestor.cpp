#include "data/ingestor.h"

#include "core/result.h"

namespace pt::data {

Ingestor::Ingestor(TelemetryStore& store, const Clock& clock, IngestOptions options,
                   size_t queueCapacity)
    : m_store(store),
      m_clock(clock),
      m_options(std::move(options)),
      m_queue(queueCapacity, &m_stats) {}

size_t Ingestor::drain() {
    m_queue.drain(m_batch);
    const int64_t limit = m_clock.nowMs() + m_options.maxFutureSkewMs;
    size_t applied = 0;
    for (Sample& sample : m_batch) {
        if (!isValidEntityId(sample.entity)) {  // sources other than MQTT skip the parser
            m_stats.reject(RejectKind::BadTopic, sample.entity, "invalid entity id");
            continue;
        }
        if (sample.tsMs > limit) {
            m_stats.reject(RejectKind::FutureTimestamp, sample.entity,
                           strCat("ts ", sample.tsMs, " is ahead of the clock"));
            continue;
        }
        EntityKey key = m_store.find(sample.entity);
        if (key == kNoEntity) {
            if (m_options.entityValidator && !m_options.entityValidator(sample.entity)) {
                m_stats.reject(RejectKind::UnknownEntity, sample.entity);
                continue;
            }
            key = m_store.ensureEntity(sample.entity);
        }
        if (!m_store.apply(key, sample.channel, std::move(sample.value), sample.tsMs)) {
            m_stats.reject(RejectKind::OutOfOrder, sample.entity,
                           strCat(channelName(sample.channel), " ts ", sample.tsMs,
                                  " is older than the latest"));
            continue;
        }
        ++applied;
    }
    m_stats.countAccepted(applied);
    return applied;
}

}  // namespace pt::data
