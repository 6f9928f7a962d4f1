#pragma once
// Time source for everything in pt::data. Sources, ingest and the time cursor ask a Clock instead
// of the system, so tests run on a ManualClock and never depend on wall-clock speed.
#include <atomic>
#include <cstdint>

namespace pt::data {

// Thread-safe: source threads and the main thread read it concurrently.
class Clock {
public:
    virtual ~Clock() = default;
    virtual int64_t nowMs() const = 0;  // ms since the Unix epoch
};

class SystemClock final : public Clock {
public:
    int64_t nowMs() const override;
};

// Set by hand (tests, deterministic renders). Thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(int64_t startMs = 0) : m_now(startMs) {}
    int64_t nowMs() const override { return m_now.load(std::memory_order_relaxed); }
    void set(int64_t ms) { m_now.store(ms, std::memory_order_relaxed); }
    void advance(int64_t ms) { m_now.fetch_add(ms, std::memory_order_relaxed); }

private:
    std::atomic<int64_t> m_now;
};

// The process-wide system clock (lives forever).
const Clock& systemClock();

}  // namespace pt::data
