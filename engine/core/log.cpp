#include "core/log.h"

#include <cstdio>
#include <map>
#include <mutex>
#include <set>

namespace pt::log {
namespace {

struct Sink {
    std::mutex mutex;
    Level minLevel = Level::Info;
    std::map<int, LogCapture::Observer> observers;
    std::set<std::string, std::less<>> seenKinds;
    int nextId = 1;
};

Sink& sink() {
    static Sink instance;
    return instance;
}

const char* levelName(Level level) {
    switch (level) {
        case Level::Debug:
            return "debug";
        case Level::Info:
            return "info";
        case Level::Warning:
            return "warning";
        case Level::Error:
            return "error";
    }
    return "?";
}

}  // namespace

void setMinLevel(Level level) {
    std::lock_guard lock(sink().mutex);
    sink().minLevel = level;
}

void write(Level level, std::string_view message) {
    Sink& s = sink();
    std::lock_guard lock(s.mutex);
    for (auto& [id, observer] : s.observers)
        observer(level, message);
    if (level < s.minLevel) return;
    std::fprintf(stderr, "[parktwin %s] %.*s\n", levelName(level), int(message.size()),
                 message.data());
}

bool warnOnce(std::string_view kind, std::string_view message) {
    {
        std::lock_guard lock(sink().mutex);
        if (!sink().seenKinds.emplace(kind).second) return false;
    }
    write(Level::Warning, message);
    return true;
}

LogCapture::LogCapture(Observer observer) {
    std::lock_guard lock(sink().mutex);
    m_id = sink().nextId++;
    sink().observers.emplace(m_id, std::move(observer));
}

LogCapture::~LogCapture() {
    std::lock_guard lock(sink().mutex);
    sink().observers.erase(m_id);
}

}  // namespace pt::log
