#include "data/ingest_queue.h"

#include <iterator>

namespace pt::data {

size_t IngestQueue::push(std::span<Sample> samples) {
    size_t accepted = 0;
    {
        std::lock_guard lock(m_mutex);
        const size_t room = m_capacity > m_pending.size() ? m_capacity - m_pending.size() : 0;
        accepted = std::min(room, samples.size());
        m_pending.insert(m_pending.end(), std::make_move_iterator(samples.begin()),
                         std::make_move_iterator(samples.begin() + ptrdiff_t(accepted)));
    }
    if (accepted < samples.size() && m_stats) {
        for (size_t i = accepted; i < samples.size(); ++i) {
            m_stats->reject(RejectKind::QueueFull, samples[i].entity, "ingest queue is full");
        }
    }
    return accepted;
}

size_t IngestQueue::push(Sample sample) {
    return push(std::span<Sample>(&sample, 1));
}

size_t IngestQueue::drain(std::vector<Sample>& out) {
    out.clear();
    std::lock_guard lock(m_mutex);
    out.swap(m_pending);
    return out.size();
}

size_t IngestQueue::size() const {
    std::lock_guard lock(m_mutex);
    return m_pending.size();
}

}  // namespace pt::data
