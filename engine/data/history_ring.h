#pragma once
// Fixed-capacity rings of timestamped values, oldest overwritten first. Storage grows on demand up
// to the capacity, so 100k entities with a deep configured history cost memory only for the
// channels that actually report. Timestamps are non-decreasing (the store rejects older ones),
// which makes lookup by time a binary search.
//  HistoryRing<T>  any value type (the store's enum and pose channels: TimedValue, 48 bytes).
//  NumberRing      plain numbers (16 bytes an entry), for the numeric channels that carry almost
//                  all the traffic; the owner holds the capacity (the same for all its rings), so
//                  a ring costs 16 bytes besides its entries.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
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

struct NumberPoint {
    int64_t tsMs = 0;
    double value = 0;
};

// Every method takes the ring's capacity, which must be the same on every call (at most 2^32-1).
class NumberRing {
public:
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    // i = 0 is the oldest entry.
    const NumberPoint& at(size_t i, size_t capacity) const { return m_data[physical(i, capacity)]; }
    const NumberPoint& back(size_t capacity) const { return at(m_size - 1, capacity); }

    void push(NumberPoint point, size_t capacity) {
        if (m_size < capacity) {
            if (m_size == allocated(m_size, capacity)) grow(capacity);
            m_data[m_size++] = point;
            return;
        }
        if (capacity == 0) return;
        m_data[m_head] = point;
        m_head = m_head + 1 == capacity ? 0 : m_head + 1;
    }

    // Where the next push() writes, for a prefetch; null when that push must grow the storage.
    const NumberPoint* nextSlot(size_t capacity) const {
        if (m_size >= capacity) return capacity == 0 ? nullptr : m_data.get() + m_head;
        return m_size < allocated(m_size, capacity) ? m_data.get() + m_size : nullptr;
    }

    // The newest entry with tsMs <= t, or nullptr when t is older than everything kept.
    const NumberPoint* atOrBefore(int64_t t, size_t capacity) const {
        size_t lo = 0, hi = m_size;  // first index with ts > t
        while (lo < hi) {
            const size_t mid = (lo + hi) / 2;
            if (at(mid, capacity).tsMs <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? nullptr : &at(lo - 1, capacity);
    }

    size_t allocatedBytes(size_t capacity) const {
        return allocated(m_size, capacity) * sizeof(NumberPoint);
    }

private:
    // Storage held for `size` entries: doubling from 4, capped at the capacity.
    static size_t allocated(size_t size, size_t capacity) {
        return size == 0 ? 0 : std::min(capacity, std::max<size_t>(4, std::bit_ceil(size)));
    }
    void grow(size_t capacity) {
        const size_t n = std::min(capacity, std::max<size_t>(4, size_t(m_size) * 2));
        auto data = std::make_unique_for_overwrite<NumberPoint[]>(n);
        std::copy_n(m_data.get(), m_size, data.get());
        m_data = std::move(data);
    }
    size_t physical(size_t i, size_t capacity) const {
        if (m_size < capacity) return i;
        const size_t j = m_head + i;
        return j >= capacity ? j - capacity : j;
    }

    std::unique_ptr<NumberPoint[]> m_data;
    uint32_t m_size = 0;  // entries held, <= capacity
    uint32_t m_head = 0;  // index of the oldest entry once full
};

}  // namespace pt::data
