#include "data/time_cursor.h"

#include <algorithm>
#include <cmath>

namespace pt::data {

int64_t TimeCursor::cursorMs() {
    const int64_t now = m_clock.nowMs();
    switch (m_mode) {
        case Mode::Live:
            return now;
        case Mode::Paused:
            return m_anchorCursorMs;
        case Mode::Playing: {
            const double elapsed = double(now - m_anchorClockMs) * m_speed;
            const int64_t t = m_anchorCursorMs + int64_t(std::llround(elapsed));
            if (t >= now) {
                m_mode = Mode::Live;
                return now;
            }
            return std::max(t, m_earliestMs);
        }
    }
    return now;
}

void TimeCursor::pause() {
    m_anchorCursorMs = cursorMs();
    m_mode = Mode::Paused;
}

void TimeCursor::scrubTo(int64_t tMs) {
    m_anchorCursorMs = std::clamp(tMs, m_earliestMs, m_clock.nowMs());
    m_mode = Mode::Paused;
}

void TimeCursor::play(double speed) {
    m_anchorCursorMs = cursorMs();
    m_anchorClockMs = m_clock.nowMs();
    m_speed = speed;
    m_mode = Mode::Playing;
}

}  // namespace pt::data
