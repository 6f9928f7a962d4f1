#include <catch2/catch.hpp>

#include <cstring>
#include <memory>

#include "core/process_stats.h"

TEST_CASE("Resident memory is read and grows when pages are touched", "[core][memory]") {
    auto before = pt::memoryUsage();
    REQUIRE(before.has_value());
    CHECK(before->residentKiB > 0);
    CHECK(before->peakResidentKiB >= before->residentKiB);
    constexpr size_t kBytes = 64u << 20;
    auto block = std::make_unique<char[]>(kBytes);
    std::memset(block.get(), 1, kBytes);  // touch every page so it becomes resident
    auto after = pt::memoryUsage();
    REQUIRE(after.has_value());
    CHECK(after->residentKiB >= before->residentKiB + (kBytes >> 10) * 9 / 10);
    CHECK(block[kBytes - 1] == 1);
}
