#include "twin/entity_history.h"

#include <algorithm>

#include "twin/kpi.h"

namespace pt::twin {
namespace {

std::optional<double> valueAt(const data::TelemetryStore& store, data::EntityKey key,
                              HistoryQuantity quantity, int64_t t, int utcOffsetMinutes) {
    switch (quantity) {
        case HistoryQuantity::Occupancy:
        case HistoryQuantity::Power: {
            const data::Channel channel = quantity == HistoryQuantity::Power
                                              ? data::Channel::Power
                                              : data::Channel::Occupancy;
            const data::Aggregate a = store.aggregate(key, channel, t);
            if (a.sources == 0) return std::nullopt;
            return a.sum;
        }
        case HistoryQuantity::EnergyToday:
            return store.deltaSince(key, data::Channel::Energy,
                                    localMidnightMs(t, utcOffsetMinutes), t);
    }
    return std::nullopt;
}

int64_t sampleTime(int64_t from, int64_t to, int i, int points) {
    return from + (to - from) * i / (points - 1);
}

}  // namespace

HistorySeries sampleHistory(const data::TelemetryStore& store, data::EntityKey key,
                            HistoryQuantity quantity, int64_t fromMs, int64_t toMs, int points,
                            int utcOffsetMinutes) {
    HistorySeries out;
    if (key == data::kNoEntity || points < 2 || toMs <= fromMs) return out;
    // First pass finds where data begins (the store keeps answering once a value exists);
    // the window then starts one step earlier than that sample, at the earliest.
    int first = -1;
    for (int i = 0; i < points && first < 0; ++i)
        if (valueAt(store, key, quantity, sampleTime(fromMs, toMs, i, points), utcOffsetMinutes))
            first = i;
    if (first < 0) return out;
    if (first > 0) {
        // Narrow to the step before the first hit: the boundary lies in between.
        int64_t lo = sampleTime(fromMs, toMs, first - 1, points);
        int64_t hi = sampleTime(fromMs, toMs, first, points);
        while (hi - lo > 1) {
            const int64_t mid = lo + (hi - lo) / 2;
            if (valueAt(store, key, quantity, mid, utcOffsetMinutes)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        fromMs = hi;
    }
    out.fromMs = fromMs;
    out.toMs = toMs;
    out.values.reserve(size_t(points));
    float last = 0;
    for (int i = 0; i < points; ++i) {
        const auto v =
            valueAt(store, key, quantity, sampleTime(fromMs, toMs, i, points), utcOffsetMinutes);
        last = v ? float(*v) : last;  // a gap (history evicted) holds the previous value
        out.values.push_back(last);
    }
    const auto [lo, hi] = std::minmax_element(out.values.begin(), out.values.end());
    out.min = *lo;
    out.max = *hi;
    return out;
}

}  // namespace pt::twin
