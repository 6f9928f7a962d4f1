#pragma once
// A producer of samples driven by time: the replay and the simulator. Generators are plain
// single-threaded objects (deterministic, testable without threads); GeneratorSource runs one on
// its own thread into an IngestQueue, publish() runs one into a broker.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "data/clock.h"
#include "data/ingest_queue.h"
#include "data/sample.h"

namespace pt::data {

class SampleGenerator {
public:
    virtual ~SampleGenerator() = default;
    // Appends the samples due up to `nowMs` (non-decreasing between calls), stamped <= nowMs.
    virtual void advance(int64_t nowMs, std::vector<Sample>& out) = 0;
};

// Runs a generator on its own thread every `tickMs` (real time) and pushes into the queue.
// The queue and clock are borrowed; stop() or the destructor joins the thread.
class GeneratorSource {
public:
    GeneratorSource(std::unique_ptr<SampleGenerator> generator, IngestQueue& queue,
                    const Clock& clock, int64_t tickMs = 100);
    ~GeneratorSource();
    GeneratorSource(const GeneratorSource&) = delete;
    GeneratorSource& operator=(const GeneratorSource&) = delete;

    void start();
    void stop();
    uint64_t produced() const { return m_produced.load(); }

private:
    std::unique_ptr<SampleGenerator> m_generator;
    IngestQueue& m_queue;
    const Clock& m_clock;
    int64_t m_tickMs;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<uint64_t> m_produced{0};
};

}  // namespace pt::data
