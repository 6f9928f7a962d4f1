#pragma once
// The one hand-over point between source threads and the frame: many producers push samples,
// the main thread drains them once per frame. Bounded, so a flood cannot eat memory; overflow
// drops the incoming samples and counts them (RejectKind::QueueFull). It also holds the
// EntityInterner that producers intern entity ids in, so that NumberSample ids mean the same to
// every producer and to the consumer.
#include <cstddef>
#include <mutex>
#include <span>
#include <vector>

#include "data/entity_interner.h"
#include "data/ingest_stats.h"
#include "data/payload_parser.h"
#include "data/sample.h"

namespace pt::data {

// Multi-producer, single-consumer. push() from any thread; drain() from one thread only.
// A mutex around vectors that are swapped out on drain: producers push whole batches (one
// message), so the lock is taken once per message, not once per sample, and drain() never
// copies; the swapped vectors keep their capacity, so a steady stream allocates nothing.
class IngestQueue {
public:
    explicit IngestQueue(size_t capacity = 1u << 20, IngestStats* stats = nullptr)
        : m_capacity(capacity), m_stats(stats) {}

    // Moves the samples in; returns how many were accepted (the rest were dropped as full).
    size_t push(std::span<Sample> samples);
    size_t push(Sample sample);
    // Moves a whole batch in (numbers first when it does not fit); `batch` is left empty.
    size_t push(SampleBatch& batch);
    // Swaps everything pending into `out` (cleared first); returns the count.
    size_t drain(SampleBatch& out);
    // As above, with the interned numbers turned back into plain samples (tests, tools).
    size_t drain(std::vector<Sample>& out);
    size_t size() const;

    EntityInterner& interner() { return m_interner; }
    const EntityInterner& interner() const { return m_interner; }

    // A parsing source's KeyCache maps keys to ids of this queue's interner, so it stays valid
    // after the source is gone: a source hands it back when it is destroyed, and the next one
    // on this queue starts with it (a source re-created for new broker settings, say) instead of
    // splitting, validating and interning every key once more. Any thread.
    KeyCache takeKeyCache();
    void keepKeyCache(KeyCache cache);  // the larger of it and one kept already is kept

private:
    size_t room() const { return m_capacity > m_count ? m_capacity - m_count : 0; }
    void countDropped(std::span<const NumberSample> numbers, std::span<const Sample> samples);

    mutable std::mutex m_mutex;
    SampleBatch m_pending;
    size_t m_count = 0;  // m_pending.size(), under m_mutex
    size_t m_capacity;
    IngestStats* m_stats;
    EntityInterner m_interner;
    KeyCache m_spareCache;  // under m_mutex
};

}  // namespace pt::data
