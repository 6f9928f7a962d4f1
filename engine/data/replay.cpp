#include "data/replay.h"

#include <algorithm>
#include <cstdio>

namespace pt::data {
namespace {

std::string chargerId(const std::string& zone, int number) {
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "/C%02d", number);
    return zone + suffix;
}

}  // namespace

Replay::Replay(std::vector<UciRecord> room, std::vector<AcnSession> sessions, ReplayOptions options)
    : m_room(std::move(room)),
      m_chargerCount(0),
      m_events(buildChargerEvents(sessions, &m_chargerCount)),
      m_options(std::move(options)),
      m_unitIndex(m_options.units.size(), -1),
      m_energy(size_t(m_chargerCount) + 1, 0.0) {}

void Replay::advance(int64_t nowMs, std::vector<Sample>& out) {
    if (!m_wallStartMs) m_wallStartMs = nowMs;
    const auto elapsedData = int64_t(double(nowMs - *m_wallStartMs) * m_options.speed);
    advanceUnits(elapsedData, nowMs, out);
    advanceChargers(elapsedData, nowMs, out);
}

void Replay::advanceUnits(int64_t elapsedData, int64_t nowMs, std::vector<Sample>& out) {
    if (m_room.empty()) return;
    const int64_t start = m_room.front().tsMs;
    const int64_t span = m_room.back().tsMs - start + 60'000;
    for (size_t u = 0; u < m_options.units.size(); ++u) {
        int64_t offset = elapsedData + int64_t(u) * m_options.unitOffsetMs;
        offset = m_options.loop ? offset % span : std::min(offset, span - 1);
        const auto it = std::upper_bound(m_room.begin(), m_room.end(), start + offset,
                                         [](int64_t t, const UciRecord& r) { return t < r.tsMs; });
        const ptrdiff_t index = (it - m_room.begin()) - 1;
        if (index < 0 || index == m_unitIndex[u]) continue;
        m_unitIndex[u] = index;
        const UciRecord& r = m_room[size_t(index)];
        const ReplayUnit& unit = m_options.units[u];
        out.push_back(
            {unit.id, Channel::Occupancy, double(estimateHeadcount(r, unit.capacity)), nowMs});
        out.push_back({unit.id, Channel::Temperature, r.temperature, nowMs});
        out.push_back({unit.id, Channel::Co2, r.co2, nowMs});
    }
}

void Replay::advanceChargers(int64_t elapsedData, int64_t nowMs, std::vector<Sample>& out) {
    if (m_events.empty()) return;
    const int64_t start = m_events.front().dataMs;
    const int64_t span = m_events.back().dataMs - start + 1;
    const int loop = m_options.loop ? int(elapsedData / span) : 0;
    if (loop > m_loops) {
        // A new pass: every charger starts free; counters keep counting (they are cumulative).
        m_loops = loop;
        m_nextEvent = 0;
        for (int c = 1; c <= m_chargerCount; ++c) {
            out.push_back({chargerId(m_options.chargerZone, c), Channel::Status,
                           std::string("Available"), nowMs});
            out.push_back({chargerId(m_options.chargerZone, c), Channel::Power, 0.0, nowMs});
        }
    }
    const int64_t dataMs = start + (m_options.loop ? elapsedData % span : elapsedData);
    while (m_nextEvent < m_events.size() && m_events[m_nextEvent].dataMs <= dataMs) {
        const ChargerEvent& e = m_events[m_nextEvent++];
        const std::string id = chargerId(m_options.chargerZone, e.charger);
        out.push_back({id, Channel::Status, e.status, nowMs});
        out.push_back({id, Channel::Power, e.powerKw, nowMs});
        if (e.energyAddKWh > 0) {
            m_energy[size_t(e.charger)] += e.energyAddKWh;
            out.push_back({id, Channel::Energy, m_energy[size_t(e.charger)], nowMs});
        }
    }
}

}  // namespace pt::data
