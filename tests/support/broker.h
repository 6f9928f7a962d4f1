#pragma once
// A real mosquitto broker for integration tests (tests/integration/data, and the viewer's broker
// kill/restart test): started on a free loopback port with a config written to a scratch folder,
// killed and restarted on demand on the same port. Every wait is bounded.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

namespace pt::test {

inline constexpr const char* kMosquittoExe = "/usr/sbin/mosquitto";

// `extraConfig` is appended to the generated mosquitto.conf (e.g. a password_file line);
// `allowAnonymous` false makes the broker refuse clients without valid credentials.
struct BrokerConfig {
    bool allowAnonymous = true;
    std::string extraConfig;
};

class Broker {
public:
    explicit Broker(const char* scratchName, const BrokerConfig& config = {});
    ~Broker();
    Broker(const Broker&) = delete;
    Broker& operator=(const Broker&) = delete;

    // Starts (or restarts) on the same port; false if it does not accept connections in time.
    bool start();
    void kill();
    int port() const { return m_port; }
    // The scratch folder holding mosquitto.conf and mosquitto.log (for password files etc.).
    const std::filesystem::path& dir() const { return m_dir; }
    std::string log() const;

private:
    std::filesystem::path m_dir;
    int m_port = 0;
    pid_t m_pid = -1;
};

// Polls `condition` until it holds or `timeout` passes; returns its last value.
bool waitFor(const std::function<bool()>& condition,
             std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace pt::test
