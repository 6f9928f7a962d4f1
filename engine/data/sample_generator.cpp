#include "data/sample_generator.h"

#include <chrono>

namespace pt::data {

GeneratorSource::GeneratorSource(std::unique_ptr<SampleGenerator> generator, IngestQueue& queue,
                                 const Clock& clock, int64_t tickMs)
    : m_generator(std::move(generator)), m_queue(queue), m_clock(clock), m_tickMs(tickMs) {}

GeneratorSource::~GeneratorSource() {
    stop();
}

void GeneratorSource::start() {
    if (m_thread.joinable()) return;
    m_stop = false;
    m_thread = std::thread([this] {
        std::vector<Sample> batch;
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            lock.unlock();
            batch.clear();
            m_generator->advance(m_clock.nowMs(), batch);
            m_produced += batch.size();
            if (!batch.empty()) m_queue.push(batch);
            lock.lock();
            m_wake.wait_for(lock, std::chrono::milliseconds(m_tickMs), [this] { return m_stop; });
        }
    });
}

void GeneratorSource::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

}  // namespace pt::data
