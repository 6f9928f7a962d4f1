#include "twin/ev_charging.h"

#include <array>

#include "data/rules.h"

namespace pt::twin {
namespace {

constexpr std::array<std::string_view, kOcppStatusCount> kNames = {
    "Available", "Preparing", "Charging",    "SuspendedEVSE", "SuspendedEV",
    "Finishing", "Reserved",  "Unavailable", "Faulted",       "Unknown"};

std::optional<double> numberOf(const std::optional<data::TimedValue>& v) {
    if (!v) return std::nullopt;
    if (const double* d = std::get_if<double>(&v->value)) return *d;
    return std::nullopt;
}

}  // namespace

OcppStatus parseOcppStatus(std::string_view text) {
    for (int i = 0; i + 1 < kOcppStatusCount; ++i)
        if (kNames[size_t(i)] == text) return OcppStatus(i);
    return OcppStatus::Unknown;
}

std::string_view toString(OcppStatus status) {
    return kNames[size_t(status)];
}

uint32_t ocppColor(OcppStatus status) {
    switch (status) {
        case OcppStatus::Available:
            return 0x2e9e44;
        case OcppStatus::Preparing:
        case OcppStatus::Finishing:
            return 0x1fb8c9;
        case OcppStatus::Charging:
            return 0x1f6fd1;
        case OcppStatus::SuspendedEVSE:
        case OcppStatus::SuspendedEV:
            return 0xf0a020;
        case OcppStatus::Reserved:
            return 0x8e44c4;
        case OcppStatus::Unavailable:
        case OcppStatus::Unknown:
            return 0x8a8a8a;
        case OcppStatus::Faulted:
            return 0xd62828;
    }
    return 0x8a8a8a;
}

bool inSession(OcppStatus s) {
    return s == OcppStatus::Preparing || s == OcppStatus::Charging ||
           s == OcppStatus::SuspendedEV || s == OcppStatus::SuspendedEVSE ||
           s == OcppStatus::Finishing;
}

float sessionStage(OcppStatus s) {
    switch (s) {
        case OcppStatus::Preparing:
            return 0.15f;
        case OcppStatus::Charging:
        case OcppStatus::SuspendedEV:
        case OcppStatus::SuspendedEVSE:
            return 0.5f;
        case OcppStatus::Finishing:
            return 0.9f;
        default:
            return 0.0f;
    }
}

EvSummary summariseChargers(std::span<const ChargerRow> rows) {
    EvSummary s;
    for (const ChargerRow& r : rows) {
        s.total++;
        s.byStatus[size_t(r.status)]++;
        s.powerKw += r.powerKw;
        s.energyTodayKWh += r.energyTodayKWh;
        if (inSession(r.status)) {
            s.inSession++;
            s.sessionKWh += r.sessionKWh;
        }
        switch (r.status) {
            case OcppStatus::Charging:
                s.charging++;
                break;
            case OcppStatus::Available:
                s.available++;
                break;
            case OcppStatus::Reserved:
                s.reserved++;
                break;
            case OcppStatus::Faulted:
                s.faulted++;
                break;
            case OcppStatus::Unavailable:
                s.unavailable++;
                break;
            case OcppStatus::Unknown:
                s.unknown++;
                break;
            default:
                break;
        }
    }
    const int inService = s.total - s.faulted - s.unavailable;
    s.utilisation = inService > 0 ? double(s.inSession) / double(inService) : 0.0;
    s.faultRate = s.total > 0 ? double(s.faulted) / double(s.total) : 0.0;
    return s;
}

EvSessions::EvSessions(const park::Portfolio& portfolio) {
    for (park::EntityIndex e : portfolio.ofKind(park::EntityKind::Device)) {
        if (portfolio.device(e).kind != park::DeviceKind::Charger) continue;
        m_rows.push_back(
            {.entity = e, .id = portfolio.entity(e).id, .name = portfolio.entity(e).name});
    }
    m_baselines.resize(m_rows.size());
    m_previous.assign(m_rows.size(), OcppStatus::Unknown);
}

const ChargerRow* EvSessions::find(park::EntityIndex entity) const {
    for (const ChargerRow& r : m_rows)
        if (r.entity == entity) return &r;
    return nullptr;
}

void EvSessions::update(const data::TelemetryStore& store, int64_t nowMs, int utcOffsetMinutes,
                        int64_t staleAfterMs) {
    const int64_t midnight = data::localMidnight(nowMs, utcOffsetMinutes);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        ChargerRow& row = m_rows[i];
        Baseline& base = m_baselines[i];
        const data::EntityKey key = store.find(row.id);
        if (key == data::kNoEntity) {  // never reported
            row.status = OcppStatus::Unknown;
            row.stale = true;
            continue;
        }
        const auto status = store.latest(key, data::Channel::Status);
        const std::string* text = status ? std::get_if<std::string>(&status->value) : nullptr;
        row.status = text ? parseOcppStatus(*text) : OcppStatus::Unknown;
        row.stale = !status || nowMs - status->tsMs > staleAfterMs;
        row.powerKw = numberOf(store.latest(key, data::Channel::Power)).value_or(0.0);
        const std::optional<double> energy = numberOf(store.latest(key, data::Channel::Energy));
        row.energyTodayKWh =
            store.deltaSince(key, data::Channel::Energy, midnight, nowMs).value_or(0.0);
        const bool now = inSession(row.status);
        if (now && !inSession(m_previous[i])) {
            // Walk the status history back (chargers repeat their status with their meter
            // values) to the first sample of this session; if the history starts inside the
            // session, its beginning is unknown and the figures are partial.
            base.startMs = status->tsMs;
            base.partial = true;
            for (int64_t tsMs = status->tsMs;;) {
                const auto before = store.valueAt(key, data::Channel::Status, tsMs - 1);
                const std::string* s = before ? std::get_if<std::string>(&before->value) : nullptr;
                if (!before || !s || !inSession(parseOcppStatus(*s))) {
                    base.partial = !before;
                    break;
                }
                base.startMs = before->tsMs;
                tsMs = before->tsMs;
            }
            base.energyKWh = numberOf(store.valueAt(key, data::Channel::Energy, base.startMs));
            if (!base.energyKWh) base.energyKWh = energy;
        }
        if (now && !base.energyKWh) base.energyKWh = energy;  // counter arrived after status
        m_previous[i] = row.status;
        if (now) {
            row.sessionStartMs = base.startMs;
            row.sessionPartial = base.partial;
            row.sessionKWh =
                energy && base.energyKWh ? std::max(0.0, *energy - *base.energyKWh) : 0.0;
        } else {
            row.sessionStartMs.reset();
            row.sessionPartial = false;
            row.sessionKWh = 0.0;
        }
    }
}

}  // namespace pt::twin
