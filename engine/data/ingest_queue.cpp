#include "data/ingest_queue.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace pt::data {

void IngestQueue::countDropped(std::span<const NumberSample> numbers,
                               std::span<const Sample> samples) {
    if (!m_stats) return;
    for (const NumberSample& n : numbers)
        m_stats->reject(RejectKind::QueueFull, m_interner.name(n.entity), "ingest queue is full");
    for (const Sample& s : samples)
        m_stats->reject(RejectKind::QueueFull, s.entity, "ingest queue is full");
}

size_t IngestQueue::push(std::span<Sample> samples) {
    size_t accepted = 0;
    {
        std::lock_guard lock(m_mutex);
        accepted = std::min(room(), samples.size());
        m_pending.samples.insert(m_pending.samples.end(), std::make_move_iterator(samples.begin()),
                                 std::make_move_iterator(samples.begin() + ptrdiff_t(accepted)));
        m_count += accepted;
    }
    countDropped({}, samples.subspan(accepted));
    return accepted;
}

size_t IngestQueue::push(Sample sample) {
    return push(std::span<Sample>(&sample, 1));
}

size_t IngestQueue::push(SampleBatch& batch) {
    size_t numbers = 0, samples = 0;
    {
        std::lock_guard lock(m_mutex);
        numbers = std::min(room(), batch.numbers.size());
        m_pending.numbers.insert(m_pending.numbers.end(), batch.numbers.begin(),
                                 batch.numbers.begin() + ptrdiff_t(numbers));
        m_count += numbers;
        samples = std::min(room(), batch.samples.size());
        m_pending.samples.insert(
            m_pending.samples.end(), std::make_move_iterator(batch.samples.begin()),
            std::make_move_iterator(batch.samples.begin() + ptrdiff_t(samples)));
        m_count += samples;
    }
    countDropped(std::span(batch.numbers).subspan(numbers),
                 std::span(batch.samples).subspan(samples));
    batch.clear();
    return numbers + samples;
}

size_t IngestQueue::drain(SampleBatch& out) {
    out.clear();
    std::lock_guard lock(m_mutex);
    std::swap(out.numbers, m_pending.numbers);
    std::swap(out.samples, m_pending.samples);
    m_count = 0;
    return out.size();
}

size_t IngestQueue::drain(std::vector<Sample>& out) {
    SampleBatch batch;
    drain(batch);
    out = std::move(batch.samples);
    for (const NumberSample& n : batch.numbers) {
        out.push_back(Sample{std::string(m_interner.name(n.entity)), n.channel, n.value, n.tsMs});
    }
    return out.size();
}

KeyCache IngestQueue::takeKeyCache() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_spareCache, KeyCache());
}

void IngestQueue::keepKeyCache(KeyCache cache) {
    std::lock_guard lock(m_mutex);
    if (cache.size() >= m_spareCache.size()) m_spareCache = std::move(cache);
}

size_t IngestQueue::size() const {
    std::lock_guard lock(m_mutex);
    return m_count;
}

}  // namespace pt::data
