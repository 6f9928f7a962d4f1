#pragma once
// Counters for rejected input, one per kind, shared by source threads and the main thread.
// Each kind is logged once per process (pt::log::warnOnce) with the topic that caused it, so a
// garbage stream is visible without flooding the log.
#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

namespace pt::data {

enum class RejectKind : uint8_t {
    BadTopic,         // not parktwin/v1/<entity>/<channel>, or bad id syntax
    BadPayload,       // not JSON / not a number / missing fields
    UnknownChannel,   // channel name not in DOMAIN.md
    UnknownEntity,    // the entity validator said no
    WrongType,        // e.g. a string on `power`, an unknown OCPP status
    NotFinite,        // NaN / Inf
    OutOfRange,       // negative occupancy, battery outside 0..100
    OutOfOrder,       // older than the latest applied sample of that entity+channel
    FutureTimestamp,  // further ahead of the clock than the allowed skew
    Oversized,        // payload larger than the configured limit
    QueueFull,        // the main thread fell behind; the newest samples are dropped
};
inline constexpr int kRejectKindCount = 11;
std::string_view rejectKindName(RejectKind kind);

// Thread-safe; lives as long as the ingest pipeline that owns it.
class IngestStats {
public:
    // Counts one rejection and logs it the first time this kind is seen (per process).
    void reject(RejectKind kind, std::string_view topic, std::string_view detail = {});
    uint64_t rejected(RejectKind kind) const {
        return m_rejected[size_t(kind)].load(std::memory_order_relaxed);
    }
    uint64_t rejectedTotal() const;
    void countAccepted(uint64_t n) { m_accepted.fetch_add(n, std::memory_order_relaxed); }
    uint64_t accepted() const { return m_accepted.load(std::memory_order_relaxed); }

private:
    std::array<std::atomic<uint64_t>, kRejectKindCount> m_rejected{};
    std::atomic<uint64_t> m_accepted{0};
};

}  // namespace pt::data
