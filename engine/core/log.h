#pragma once
// Logging: one global sink, safe to call from any thread. Tests may capture messages with a
// LogCapture. "Once per kind" logging keeps a garbage stream from flooding the log.
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace pt::log {

enum class Level { Debug, Info, Warning, Error };

void setMinLevel(Level level);
void write(Level level, std::string_view message);

template <class... Args>
void debug(Args&&... args) {
    write(Level::Debug, strCat(std::forward<Args>(args)...));
}
template <class... Args>
void info(Args&&... args) {
    write(Level::Info, strCat(std::forward<Args>(args)...));
}
template <class... Args>
void warn(Args&&... args) {
    write(Level::Warning, strCat(std::forward<Args>(args)...));
}
template <class... Args>
void error(Args&&... args) {
    write(Level::Error, strCat(std::forward<Args>(args)...));
}

// Logs `message` only the first time `kind` is seen (per process); returns true if it logged.
bool warnOnce(std::string_view kind, std::string_view message);

// Installs an extra observer for every message while alive (tests, the UI's log panel).
// Observers run on the logging thread; keep them short.
class LogCapture {
public:
    using Observer = std::function<void(Level, std::string_view)>;
    explicit LogCapture(Observer observer);
    ~LogCapture();
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

private:
    int m_id;
};

}  // namespace pt::log
