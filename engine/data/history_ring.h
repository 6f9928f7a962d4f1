#pragma once
// Fixed-capacity rings of timestamped values, oldest overwritten first. Storage grows on demand up
// to the capacity, so 100k entities with a deep configured history cost memory only for the
// channels that actually report. Timestamps are non-decreasing (the store rejects older ones),
// which makes lookup by time a binary search.
//  HistoryRing<T>  any value type (the store's enum and pose channels: TimedValue, 48 bytes).
//  NumberRing      plain numbers (16 bytes an entry), for the numeric channels that carry almost
//                  all the traffic; the owner holds the capacity (the same for all its rings) and
//                  a NumberArena that holds the entries, so a ring costs 16 bytes besides them.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
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

// Storage for the NumberRings of one owner (the store), freed all at once when the arena goes.
// Blocks are carved from large chunks mapped with transparent huge pages where the system allows
// it (Linux, madvise): the ingest path writes into another series' ring for nearly every sample,
// and with 4 KiB pages 20k rings of 4 KiB are 20k pages, a TLB miss apiece (a two-level page walk
// under virtualisation); 2 MiB pages turn 80 MB of rings into 40 TLB entries. Blocks start on a
// cache line. Not thread-safe (the store is main-thread only).
class NumberArena {
public:
    NumberArena() = default;
    ~NumberArena();
    NumberArena(const NumberArena&) = delete;
    NumberArena& operator=(const NumberArena&) = delete;

    // Room for `count` entries (count > 0); released blocks of the same count are reused.
    NumberPoint* allocate(size_t count);
    void release(NumberPoint* block, size_t count);
    // Bytes mapped for chunks and large blocks.
    size_t reservedBytes() const { return m_reserved; }

private:
    struct Chunk {
        void* base;
        size_t bytes;
        bool mapped;  // mmap'ed (else operator new)
    };
    Chunk newChunk(size_t bytes);
    std::vector<Chunk> m_chunks;  // carving chunks and large blocks
    std::vector<std::pair<size_t, std::vector<NumberPoint*>>> m_free;  // by entry count
    char* m_cursor = nullptr;
    char* m_end = nullptr;
    size_t m_nextChunk = size_t(2) << 20;
    size_t m_reserved = 0;
};

// Every method takes the ring's capacity, which must be the same on every call (at most 2^32-1),
// and push() the arena, which must be the same on every call too and outlive the ring (the ring
// does not free its entries; the arena does). Trivially copyable: a moved or copied ring shares
// the entries, so an owner keeps exactly one copy of each.
class NumberRing {
public:
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    // i = 0 is the oldest entry.
    const NumberPoint& at(size_t i, size_t capacity) const { return m_data[physical(i, capacity)]; }
    const NumberPoint& back(size_t capacity) const { return at(m_size - 1, capacity); }

    void push(NumberPoint point, size_t capacity, NumberArena& arena) {
        if (m_size < capacity) {
            if (m_size == allocated(m_size, capacity)) grow(capacity, arena);
            m_data[m_size++] = point;
            return;
        }
        if (capacity == 0) return;
        m_data[m_head] = point;
        m_head = m_head + 1 == capacity ? 0 : m_head + 1;
    }

    // push() when it needs no new storage (true), for an inlined hot path; false and nothing
    // done when it would grow (then call push()) or the capacity is 0.
    bool pushInPlace(NumberPoint point, size_t capacity) {
        if (m_size >= capacity) {
            if (capacity == 0) return false;
            m_data[m_head] = point;
            m_head = m_head + 1 == capacity ? 0 : m_head + 1;
            return true;
        }
        if (m_size == allocated(m_size, capacity)) return false;
        m_data[m_size++] = point;
        return true;
    }

    // Where the next push() writes, for a prefetch; null when that push must grow the storage.
    const NumberPoint* nextSlot(size_t capacity) const {
        if (m_size >= capacity) return capacity == 0 ? nullptr : m_data + m_head;
        return m_size < allocated(m_size, capacity) ? m_data + m_size : nullptr;
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
    [[gnu::noinline]] void grow(size_t capacity, NumberArena& arena) {
        const size_t n = std::min(capacity, std::max<size_t>(4, size_t(m_size) * 2));
        NumberPoint* data = arena.allocate(n);
        std::copy_n(m_data, m_size, data);
        if (m_data) arena.release(m_data, allocated(m_size, capacity));
        m_data = data;
    }
    size_t physical(size_t i, size_t capacity) const {
        if (m_size < capacity) return i;
        const size_t j = m_head + i;
        return j >= capacity ? j - capacity : j;
    }

    NumberPoint* m_data = nullptr;  // in the owner's NumberArena
    uint32_t m_size = 0;            // entries held, <= capacity
    uint32_t m_head = 0;            // index of the oldest entry once full
};

}  // namespace pt::data
