#pragma once
// Fixed-capacity ring of timestamped values, oldest overwritten first. Storage grows on demand up
// to the capacity, so 100k entities with a deep configured history cost memory only for the
// channels that actually report. Timestamps are non-decreasing (the store rejects older ones),
// which makes lookup by time a binary search.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pt::data {

template <class T>  // T has a member `int64_t tsMs`
class HistoryRing {
public:
    explicit HistoryRing(size_t capacity = 0) : m_capacity(capacity) {}

    size_t size() const { return m_items.size() < m_capacity ? m_items.size() : m_capacity; }
    bool empty() const { return m_items.empty(); }
    size_t capacity() const { return m_capacity; }

    // i = 0 is the oldest entry.
    const T& operator[](size_t i) const { return m_items[physical(i)]; }
    T& back() { return m_items[physical(size() - 1)]; }
    const T& back() const { return m_items[physical(size() - 1)]; }

    void push(T item) {
        if (m_capacity == 0) return;
        if (m_items.size() < m_capacity) {
            m_items.push_back(std::move(item));
            return;
        }
        m_items[m_head] = std::move(item);
        m_head = (m_head + 1) % m_capacity;
    }

    // Makes room for a newest entry and returns it for the caller to fill: the oldest entry
    // once full (its old value still in it, so assigning into it can reuse its storage), else a
    // default-constructed one. Precondition: capacity() > 0.
    T& pushSlot() {
        if (m_items.size() < m_capacity) return m_items.emplace_back();
        T& slot = m_items[m_head];
        m_head = (m_head + 1) % m_capacity;
        return slot;
    }

    // Where the next pushSlot() writes once the ring is full (for a prefetch); null before.
    const T* nextSlot() const {
        return m_items.size() < m_capacity ? nullptr : m_items.data() + m_head;
    }

    // The newest entry with tsMs <= t, or nullptr when t is older than everything kept.
    const T* atOrBefore(int64_t t) const {
        size_t lo = 0, hi = size();  // first index with ts > t
        while (lo < hi) {
            const size_t mid = (lo + hi) / 2;
            if ((*this)[mid].tsMs <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? nullptr : &(*this)[lo - 1];
    }

private:
    size_t physical(size_t i) const {
        return m_items.size() < m_capacity ? i : (m_head + i) % m_capacity;
    }

    std::vector<T> m_items;
    size_t m_head = 0;  // index of the oldest entry once full
    size_t m_capacity;
};

}  // namespace pt::data
