#pragma once
// Presentation mode (exhibitions, control-room walls): what the room sees besides the 3D view.
// Pure logic driven once per frame by the app: the alert call-out director (fly to a newly raised
// alert, hold a large card, fly back, then let the tour go on) and the KPI ticker's text.
// Times are seconds on a monotonic clock chosen by the caller; nothing here reads a clock.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace pt::viewer {

// One alert worth showing to the room.
struct Callout {
    uint64_t alertId = 0;
    std::string entityId;
    std::string title;   // the entity's name, e.g. "A3 · 12F"
    std::string detail;  // the rule and the value, e.g. "power.high: 412 kW"
    int level = 0;       // data::AlertLevel as a number: higher is more severe
};

// Call-outs one at a time: FlyingTo (the app flies the camera to the entity) -> Holding (a large
// card) -> FlyingBack (to the camera from before) -> Idle. Waiting call-outs are ordered by level,
// then age; at most `maxQueued` wait (the least severe, oldest is dropped), and a quiet gap
// separates two call-outs so a flapping sensor cannot take the wall over.
class CalloutDirector {
public:
    struct Timing {
        double flySeconds = 2.5;
        double holdSeconds = 8.0;
        double minGapSeconds = 20.0;  // from the end of one call-out to the start of the next
        size_t maxQueued = 4;
    };
    enum class Phase { Idle, FlyingTo, Holding, FlyingBack };
    // What the app must do this frame (returned once, on the transition).
    enum class Cue { None, FlyToAlert, FlyBack, Finished };

    CalloutDirector() = default;
    explicit CalloutDirector(Timing timing) : m_timing(timing) {}
    // A newly raised alert. The same alert id twice is ignored.
    void offer(Callout callout);
    // The alert cleared or was acknowledged: it no longer waits (one being shown finishes).
    void withdraw(uint64_t alertId);
    Cue update(double now);

    Phase phase() const { return m_phase; }
    bool active() const { return m_phase != Phase::Idle; }
    const Callout* current() const { return m_current ? &*m_current : nullptr; }
    size_t queued() const { return m_queue.size(); }
    // 0..1 through the current phase (for fading the card in and out).
    double phaseProgress(double now) const;
    const Timing& timing() const { return m_timing; }

private:
    double phaseLength() const;

    Timing m_timing;
    std::deque<Callout> m_queue;   // sorted: most severe first, then oldest
    std::vector<uint64_t> m_seen;  // ids offered so far (bounded), to ignore repeats
    std::optional<Callout> m_current;
    Phase m_phase = Phase::Idle;
    double m_phaseStart = 0;
    std::optional<double> m_lastEnd;
};

// The figures the ticker shows; the app fills them from twin::Kpis (nullopt: no fresh data).
struct TickerFigures {
    std::optional<double> peopleOnSite;
    int capacity = 0;
    std::optional<double> powerKw;
    std::optional<double> energyTodayKwh;
    std::optional<double> vacancy;  // 0..1
    int chargersInUse = 0, chargersFaulted = 0, chargers = 0;
    int dronesAirborne = 0, drones = 0;
    int openAlerts = 0;
};

struct TickerItem {
    std::string label;
    std::string value;
    bool warning = false;  // drawn in the alert colour (faults, open alerts)
};

// Items in reading order, in Chinese or English; missing figures read "—", never a stale number.
std::vector<TickerItem> tickerItems(const TickerFigures& figures, bool chinese);

// Horizontal scroll of a ticker `contentWidth` pixels wide at `pixelsPerSecond`: the offset in
// [0, contentWidth) at `seconds`, so the strip repeats seamlessly.
float tickerOffset(double seconds, float pixelsPerSecond, float contentWidth);

}  // namespace pt::viewer
