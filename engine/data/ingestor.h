#pragma once
// Moves samples from the IngestQueue into the TelemetryStore, once per frame, on the main thread.
// This is where checks that need the store or the park model happen: unknown entities (via an
// optional validator), out-of-order and future timestamps. Rejections are counted in the shared
// IngestStats and logged once per kind.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "data/clock.h"
#include "data/ingest_queue.h"
#include "data/ingest_stats.h"
#include "data/telemetry_store.h"

namespace pt::data {

struct IngestOptions {
    // Returns whether an entity id is known (e.g. present in the park model). Empty: accept all.
    std::function<bool(std::string_view)> entityValidator;
    // Samples further ahead of the clock than this are rejected: a device with a wrong clock
    // would otherwise pin "latest" in the future and hide every correct sample after it.
    int64_t maxFutureSkewMs = 60'000;
};

// Owns the queue and the stats; the store and the clock are borrowed and must outlive it.
class Ingestor {
public:
    Ingestor(TelemetryStore& store, const Clock& clock, IngestOptions options = {},
             size_t queueCapacity = 1u << 20);

    // Sources push here from their own threads.
    IngestQueue& queue() { return m_queue; }
    IngestStats& stats() { return m_stats; }
    const IngestStats& stats() const { return m_stats; }

    // Main thread: applies everything queued so far; returns how many samples were applied.
    size_t drain();

private:
    // Store key of an interned entity: an array lookup once resolved; kNoEntity if the
    // validator rejects it (asked again next time: the park model may have gained it).
    EntityKey resolve(InternId id);
    bool acceptTimestamp(std::string_view entity, int64_t tsMs, int64_t limit);

    TelemetryStore& m_store;
    const Clock& m_clock;
    IngestOptions m_options;
    IngestStats m_stats;
    IngestQueue m_queue;
    SampleBatch m_batch;               // reused between frames
    std::vector<EntityKey> m_keyOfId;  // InternId -> store key; kNoEntity: not resolved yet
};

}  // namespace pt::data
