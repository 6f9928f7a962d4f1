#pragma once
// Live telemetry from an MQTT broker (libmosquitto), on its own thread. Parses messages of the
// ParkTwin convention (docs/data.md) on that thread and pushes the samples into an IngestQueue.
// Reconnects with exponential backoff plus jitter (so a restarted broker is not hit by every
// viewer at the same instant) and resubscribes on every connect, which also re-delivers the
// retained last values. status() may be read from any thread (the UI's connection indicator).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "data/clock.h"
#include "data/ingest_queue.h"
#include "data/ingest_stats.h"
#include "data/payload_parser.h"

struct mosquitto;  // libmosquitto's opaque handle; its header stays out of ours

namespace pt::data {

struct MqttTls {
    std::string caFile;  // PEM; one of caFile/caPath is required to enable TLS
    std::string caPath;
    std::string certFile;  // client certificate (optional, with keyFile)
    std::string keyFile;
    bool insecureSkipHostnameCheck = false;  // test setups with self-signed certs only
};

struct MqttOptions {
    std::string host = "127.0.0.1";
    int port = 1883;
    std::string clientId;  // empty: "parktwin-<random>"
    std::string username;  // empty: anonymous
    std::string password;
    bool useTls = false;
    MqttTls tls;
    std::vector<std::string> subscriptions = {"parktwin/v1/#"};
    int qos = 1;
    int keepAliveS = 30;
    int64_t backoffInitialMs = 500;
    int64_t backoffMaxMs = 30'000;
    double backoffJitter = 0.25;  // +-25 % of each delay
    int maxAttempts = 0;          // consecutive failed attempts before Failed; 0 = never give up
    ParseLimits limits;
};

enum class ConnectionState { Stopped, Connecting, Connected, Reconnecting, Failed };
std::string_view connectionStateName(ConnectionState state);

struct ConnectionStatus {
    ConnectionState state = ConnectionState::Stopped;
    int attempt = 0;          // consecutive failed attempts so far
    int64_t nextRetryMs = 0;  // clock time of the next attempt while Reconnecting
    // Why the last attempt failed or the connection dropped; a broker's refusal (bad
    // credentials, not authorised) is kept as such, e.g. "…: broker refused the connection:
    // Connection Refused: not authorised."
    std::string lastError;
    uint64_t connects = 0;  // successful connections (CONNACK accepted) so far
    uint64_t messages = 0;  // messages received
};

// The queue, stats and clock are borrowed and must outlive the source. start() once; stop() (or
// the destructor) joins the thread.
class MqttSource {
public:
    MqttSource(MqttOptions options, IngestQueue& queue, IngestStats& stats, const Clock& clock);
    ~MqttSource();
    MqttSource(const MqttSource&) = delete;
    MqttSource& operator=(const MqttSource&) = delete;

    // Checks the options (TLS files exist, port range) and starts the thread.
    Result<void> start();
    void stop();
    ConnectionStatus status() const;

    // libmosquitto callbacks (C linkage trampolines call these); not for other callers.
    void onConnect(int rc);
    void onMessage(const char* topic, const void* payload, int length);
    void onLibraryError(const char* text);  // libmosquitto's error-level log lines

private:
    void run();
    // One turn of the network loop on a connected client: reads what is ready, writes what is
    // pending, keepalive, then waits up to 100 ms for the socket. A MOSQ_ERR_* code.
    int serviceConnection();
    bool waitBackoff();  // false when stopped while waiting
    void setState(ConnectionState state, std::string error = {});

    MqttOptions m_options;
    IngestQueue& m_queue;
    IngestStats& m_stats;
    const Clock& m_clock;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;  // guards m_status and m_wake
    std::condition_variable m_wake;
    ConnectionStatus m_status;
    ::mosquitto* m_mosq = nullptr;  // owned by the thread
    ParseContext m_parse;           // thread only: interning into the queue's interner
    SampleBatch m_batch;            // thread only: one message's samples
    bool m_connected = false;       // thread only
    bool m_refused = false;         // thread only: the broker refused this attempt's CONNECT
    std::string m_libraryError;     // thread only: libmosquitto's first error log this attempt
};

}  // namespace pt::data
