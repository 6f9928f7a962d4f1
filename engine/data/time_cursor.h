#pragma once
// The time the overlay shows: live ("now"), paused at a moment, or playing history back at a
// speed. Main thread only; time comes from an injected Clock so tests never read the wall clock.
#include <cstdint>

#include "data/clock.h"

namespace pt::data {

class TimeCursor {
public:
    enum class Mode { Live, Paused, Playing };

    explicit TimeCursor(const Clock& clock) : m_clock(clock) {}

    Mode mode() const { return m_mode; }
    bool isLive() const { return m_mode == Mode::Live; }
    // The time to show now. Playback that catches up with "now" turns live again.
    int64_t cursorMs();

    void goLive() { m_mode = Mode::Live; }
    void pause();
    // Jumps to t (clamped to [earliestMs, now]) and pauses there.
    void scrubTo(int64_t tMs);
    // Plays from the current cursor at `speed` x real time (e.g. 60: a minute per second).
    void play(double speed);
    double speed() const { return m_speed; }
    // History before this is gone from the store; scrubbing stops there.
    void setEarliest(int64_t tMs) { m_earliestMs = tMs; }

private:
    const Clock& m_clock;
    Mode m_mode = Mode::Live;
    int64_t m_anchorCursorMs = 0;  // cursor at m_anchorClockMs
    int64_t m_anchorClockMs = 0;
    double m_speed = 1;
    int64_t m_earliestMs = INT64_MIN;
};

}  // namespace pt::data
