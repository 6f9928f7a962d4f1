#pragma once
// The one hand-over point between source threads and the frame: many producers push samples,
// the main thread drains them once per frame. Bounded, so a flood cannot eat memory; overflow
// drops the incoming samples and counts them (RejectKind::QueueFull).
#include <cstddef>
#include <mutex>
#include <span>
#include <vector>

#include "data/ingest_stats.h"
#include "data/sample.h"

namespace pt::data {

// Multi-producer, single-consumer. push() from any thread; drain() from one thread only.
// A mutex around a vector that is swapped out on drain: producers push whole batches, so the
// lock is taken once per message, not once per sample, and drain() never copies.
class IngestQueue {
public:
    explicit IngestQueue(size_t capacity = 1u << 20, IngestStats* stats = nullptr)
        : m_capacity(capacity), m_stats(stats) {}

    // Moves the samples in; returns how many were accepted (the rest were dropped as full).
    size_t push(std::span<Sample> samples);
    size_t push(Sample sample);
    // Swaps the pending samples into `out` (cleared first); returns their count.
    size_t drain(std::vector<Sample>& out);
    size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::vector<Sample> m_pending;
    size_t m_capacity;
    IngestStats* m_stats;
};

}  // namespace pt::data
