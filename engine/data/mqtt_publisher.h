#pragma once
// A blocking MQTT publisher (libmosquitto) for the `parktwin publish` tool, tests and benchmarks.
// One thread at a time; owns its connection until destroyed.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "data/mqtt_source.h"

namespace pt::data {

class MqttPublisher {
public:
    MqttPublisher() = default;
    ~MqttPublisher();
    MqttPublisher(const MqttPublisher&) = delete;
    MqttPublisher& operator=(const MqttPublisher&) = delete;

    // Connects and waits (up to timeoutMs) for the broker's CONNACK. Uses host, port, clientId,
    // username/password and TLS from `options`.
    Result<void> connect(const MqttOptions& options, int64_t timeoutMs = 5000);
    Result<void> publish(std::string_view topic, std::string_view payload, int qos = 1,
                         bool retain = false);
    // Services the connection until every QoS>0 message was acknowledged and every QoS 0 one
    // written to the socket (or the timeout).
    Result<void> flush(int64_t timeoutMs = 10'000);
    void disconnect();
    uint64_t acknowledged() const { return m_acked; }

    // libmosquitto callbacks; not for other callers.
    void onConnect(int rc) { m_connackRc = rc; }
    void onPublish() { ++m_acked; }

private:
    ::mosquitto* m_mosq = nullptr;
    int m_connackRc = -1;
    uint64_t m_sent = 0;  // QoS>0 messages handed to the library
    uint64_t m_acked = 0;
};

}  // namespace pt::data
