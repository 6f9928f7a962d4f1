#include <catch2/catch.hpp>

#include "core/file_io.h"
#include "core/log.h"
#include "core/result.h"
#include "test_paths.h"

namespace {

pt::Result<int> parsePositive(int v) {
    if (v <= 0) return pt::makeError("value ", v, " is not positive");
    return v;
}

pt::Result<int> doubled(int v) {
    PT_TRY(parsePositive(v));
    return v * 2;
}

}  // namespace

TEST_CASE("Result carries a value or an error", "[core]") {
    auto good = parsePositive(3);
    REQUIRE(good.ok());
    CHECK(*good == 3);
    auto bad = parsePositive(-1);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "value -1 is not positive");
}

TEST_CASE("PT_TRY propagates the first error", "[core]") {
    CHECK(doubled(4).value() == 8);
    auto bad = doubled(0);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "value 0 is not positive");
}

TEST_CASE("File errors name the file and the reason", "[core]") {
    auto missing = pt::readTextFile("/nonexistent/dir/parktwin.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "/nonexistent/dir/parktwin.json: file not found");

    const auto dir = pt::test::scratchDir("core_file_io");
    auto asDir = pt::readTextFile(dir);
    REQUIRE_FALSE(asDir.ok());
    CHECK_THAT(asDir.error().message, Catch::Contains("is a directory"));

    REQUIRE(pt::writeFileAtomic(dir / "a.txt", std::string_view("hello")).ok());
    auto back = pt::readTextFile(dir / "a.txt");
    REQUIRE(back.ok());
    CHECK(*back == "hello");
}

TEST_CASE("warnOnce logs each kind once and captures see every message", "[core]") {
    int seen = 0;
    pt::log::LogCapture capture([&](pt::log::Level, std::string_view msg) {
        if (msg.find("unit-test-kind") != std::string_view::npos) ++seen;
    });
    CHECK(pt::log::warnOnce("unit-test-kind", "first unit-test-kind"));
    CHECK_FALSE(pt::log::warnOnce("unit-test-kind", "second unit-test-kind"));
    CHECK(seen == 1);
}
