#include <catch2/catch.hpp>

#include "data/history_ring.h"

using namespace pt::data;

namespace {

// The entries a ring holds, oldest first.
std::vector<int64_t> timestamps(const NumberRing& ring, size_t capacity) {
    std::vector<int64_t> out;
    for (size_t i = 0; i < ring.size(); ++i)
        out.push_back(ring.at(i, capacity).tsMs);
    return out;
}

}  // namespace

TEST_CASE("number ring: grows to its capacity, then overwrites the oldest", "[data][ring]") {
    for (const size_t capacity : {size_t(1), size_t(5), size_t(8), size_t(13), size_t(256)}) {
        NumberArena arena;
        NumberRing ring;
        std::vector<int64_t> want;
        for (int64_t i = 0; i < int64_t(capacity) * 3 + 2; ++i) {
            ring.push({i, double(i) * 0.5}, capacity, arena);
            want.push_back(i);
            if (want.size() > capacity) want.erase(want.begin());
            REQUIRE(timestamps(ring, capacity) == want);
            REQUIRE(ring.back(capacity).value == double(i) * 0.5);
            REQUIRE(ring.allocatedBytes(capacity) <= capacity * sizeof(NumberPoint));
            REQUIRE(ring.allocatedBytes(capacity) >= ring.size() * sizeof(NumberPoint));
        }
        CHECK(ring.allocatedBytes(capacity) == capacity * sizeof(NumberPoint));
    }
}

TEST_CASE("number ring: capacity 0 keeps nothing", "[data][ring]") {
    NumberArena arena;
    NumberRing ring;
    ring.push({1, 1.0}, 0, arena);
    CHECK(ring.empty());
    CHECK(ring.nextSlot(0) == nullptr);
    CHECK(ring.atOrBefore(5, 0) == nullptr);
}

TEST_CASE("number ring: lookup by time across the wrap", "[data][ring]") {
    constexpr size_t kCapacity = 6;
    NumberArena arena;
    NumberRing ring;
    for (int64_t i = 0; i < 10; ++i)  // keeps ts 40..90
        ring.push({i * 10, double(i)}, kCapacity, arena);
    CHECK(ring.atOrBefore(39, kCapacity) == nullptr);
    CHECK(ring.atOrBefore(40, kCapacity)->value == 4.0);
    CHECK(ring.atOrBefore(59, kCapacity)->value == 5.0);
    CHECK(ring.atOrBefore(60, kCapacity)->value == 6.0);
    CHECK(ring.atOrBefore(1000, kCapacity)->value == 9.0);
}

TEST_CASE("number ring: nextSlot is where the next push writes", "[data][ring]") {
    constexpr size_t kCapacity = 7;
    NumberArena arena;
    NumberRing ring;
    for (int64_t i = 0; i < 30; ++i) {
        const NumberPoint* next = ring.nextSlot(kCapacity);
        ring.push({i, double(i)}, kCapacity, arena);
        if (next) REQUIRE(next == &ring.back(kCapacity));
        if (ring.size() == kCapacity && i >= int64_t(kCapacity)) REQUIRE(next);
    }
}

TEST_CASE("number ring: pushInPlace is push() where no storage must grow", "[data][ring]") {
    constexpr size_t kCapacity = 6;
    NumberArena arena;
    NumberRing ring, reference;
    for (int64_t i = 0; i < 20; ++i) {
        const bool grows = ring.nextSlot(kCapacity) == nullptr;
        REQUIRE(ring.pushInPlace({i, double(i)}, kCapacity) == !grows);
        if (grows) ring.push({i, double(i)}, kCapacity, arena);
        reference.push({i, double(i)}, kCapacity, arena);
        REQUIRE(timestamps(ring, kCapacity) == timestamps(reference, kCapacity));
    }
    NumberRing none;
    CHECK_FALSE(none.pushInPlace({1, 1.0}, 0));
    CHECK(none.empty());
}

TEST_CASE("number arena: separate cache-line-aligned blocks, reused after release",
          "[data][ring]") {
    NumberArena arena;
    std::vector<std::pair<NumberPoint*, size_t>> blocks;
    for (size_t count : {size_t(4), size_t(8), size_t(256), size_t(1439), size_t(100'000)}) {
        for (int k = 0; k < 3; ++k) {
            NumberPoint* block = arena.allocate(count);
            REQUIRE(reinterpret_cast<uintptr_t>(block) % 64 == 0);
            for (size_t i = 0; i < count; ++i)  // writable, and no other block is overwritten
                block[i] = {int64_t(blocks.size()), double(i)};
            blocks.emplace_back(block, count);
        }
    }
    for (size_t b = 0; b < blocks.size(); ++b) {
        const auto [block, count] = blocks[b];
        REQUIRE(block[0].tsMs == int64_t(b));
        REQUIRE(block[count - 1].tsMs == int64_t(b));
    }
    CHECK(arena.reservedBytes() >= 3 * (4 + 8 + 256 + 1439 + 100'000) * sizeof(NumberPoint));
    arena.release(blocks[3].first, 8);
    CHECK(arena.allocate(8) == blocks[3].first);
    CHECK(arena.allocate(8) != blocks[3].first);
}
