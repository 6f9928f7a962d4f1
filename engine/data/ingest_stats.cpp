#include "data/ingest_stats.h"

#include "core/log.h"

namespace pt::data {

std::string_view rejectKindName(RejectKind kind) {
    static constexpr std::string_view kNames[kRejectKindCount] = {
        "bad topic",        "bad payload", "unknown channel", "unknown entity",
        "wrong type",       "not finite",  "out of range",    "out of order",
        "future timestamp", "oversized",   "queue full"};
    return kNames[size_t(kind)];
}

void IngestStats::reject(RejectKind kind, std::string_view topic, std::string_view detail) {
    m_rejected[size_t(kind)].fetch_add(1, std::memory_order_relaxed);
    const std::string key = strCat("pt.data.reject.", rejectKindName(kind));
    log::warnOnce(key, strCat("telemetry: rejected (", rejectKindName(kind), ") on '", topic, "'",
                              detail.empty() ? "" : ": ", detail,
                              " (further rejections of this kind are only counted)"));
}

uint64_t IngestStats::rejectedTotal() const {
    uint64_t total = 0;
    for (const auto& counter : m_rejected)
        total += counter.load(std::memory_order_relaxed);
    return total;
}

}  // namespace pt::data
