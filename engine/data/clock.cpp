#include "data/clock.h"

#include <chrono>

namespace pt::data {

int64_t SystemClock::nowMs() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const Clock& systemClock() {
    static const SystemClock clock;
    return clock;
}

}  // namespace pt::data
