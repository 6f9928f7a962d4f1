#include "viewer/presentation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pt::viewer {
namespace {

constexpr size_t kSeenLimit = 256;

std::string formatNumber(double value, const char* unit) {
    char text[48];
    if (std::abs(value) >= 10'000)
        std::snprintf(text, sizeof(text), "%.1fk %s", value / 1000.0, unit);
    else
        std::snprintf(text, sizeof(text), "%.0f %s", value, unit);
    return text;
}

std::string orDash(const std::optional<double>& value, const char* unit) {
    return value ? formatNumber(*value, unit) : "—";
}

}  // namespace

void CalloutDirector::offer(Callout callout) {
    if (std::find(m_seen.begin(), m_seen.end(), callout.alertId) != m_seen.end()) return;
    m_seen.push_back(callout.alertId);
    if (m_seen.size() > kSeenLimit) m_seen.erase(m_seen.begin());
    // After every waiting call-out at least as severe: most severe first, oldest first within.
    auto at = std::find_if(m_queue.begin(), m_queue.end(),
                           [&](const Callout& c) { return c.level < callout.level; });
    m_queue.insert(at, std::move(callout));
    if (m_queue.size() > m_timing.maxQueued) m_queue.pop_back();
}

void CalloutDirector::withdraw(uint64_t alertId) {
    std::erase_if(m_queue, [&](const Callout& c) { return c.alertId == alertId; });
}

double CalloutDirector::phaseLength() const {
    switch (m_phase) {
        case Phase::FlyingTo:
        case Phase::FlyingBack:
            return m_timing.flySeconds;
        case Phase::Holding:
            return m_timing.holdSeconds;
        case Phase::Idle:
            break;
    }
    return 0;
}

double CalloutDirector::phaseProgress(double now) const {
    const double length = phaseLength();
    return length > 0 ? std::clamp((now - m_phaseStart) / length, 0.0, 1.0) : 1.0;
}

CalloutDirector::Cue CalloutDirector::update(double now) {
    const bool phaseDone = now - m_phaseStart >= phaseLength();
    switch (m_phase) {
        case Phase::Idle:
            if (m_queue.empty() || (m_lastEnd && now - *m_lastEnd < m_timing.minGapSeconds))
                return Cue::None;
            m_current = std::move(m_queue.front());
            m_queue.pop_front();
            m_phase = Phase::FlyingTo;
            m_phaseStart = now;
            return Cue::FlyToAlert;
        case Phase::FlyingTo:
            if (phaseDone) {
                m_phase = Phase::Holding;
                m_phaseStart = now;
            }
            return Cue::None;
        case Phase::Holding:
            if (!phaseDone) return Cue::None;
            m_phase = Phase::FlyingBack;
            m_phaseStart = now;
            return Cue::FlyBack;
        case Phase::FlyingBack:
            if (!phaseDone) return Cue::None;
            m_phase = Phase::Idle;
            m_current.reset();
            m_lastEnd = now;
            return Cue::Finished;
    }
    return Cue::None;
}

std::vector<TickerItem> tickerItems(const TickerFigures& f, bool zh) {
    std::vector<TickerItem> items;
    std::string people = orDash(f.peopleOnSite, zh ? "人" : "people");
    if (f.peopleOnSite && f.capacity > 0)
        people += " / " + formatNumber(f.capacity, zh ? "人" : "capacity");
    items.push_back({zh ? "在园人数" : "On site", people});
    items.push_back({zh ? "实时功率" : "Power now", orDash(f.powerKw, "kW")});
    items.push_back({zh ? "今日能耗" : "Energy today", orDash(f.energyTodayKwh, "kWh")});
    char text[48] = "—";
    if (f.vacancy) std::snprintf(text, sizeof(text), "%.1f %%", *f.vacancy * 100.0);
    items.push_back({zh ? "空置率" : "Vacancy", text});
    std::snprintf(text, sizeof(text), "%d / %d", f.chargersInUse, f.chargers);
    items.push_back({zh ? "充电桩使用" : "Chargers in use", text});
    if (f.chargersFaulted > 0)
        items.push_back(
            {zh ? "充电桩故障" : "Chargers faulted", std::to_string(f.chargersFaulted), true});
    std::snprintf(text, sizeof(text), "%d / %d", f.dronesAirborne, f.drones);
    items.push_back({zh ? "无人机在飞" : "Drones airborne", text});
    items.push_back(
        {zh ? "未处理告警" : "Open alerts", std::to_string(f.openAlerts), f.openAlerts > 0});
    return items;
}

float tickerOffset(double seconds, float pixelsPerSecond, float contentWidth) {
    if (!(contentWidth > 0) || !(seconds > 0)) return 0.0f;
    const double offset = std::fmod(seconds * double(pixelsPerSecond), double(contentWidth));
    return float(offset);
}

}  // namespace pt::viewer
