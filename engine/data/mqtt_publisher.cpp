#include "data/mqtt_publisher.h"

#include <mosquitto.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>

namespace pt::data {
namespace {

std::string errorText(int rc) {
    if (rc == MOSQ_ERR_ERRNO) return std::strerror(errno);
    return mosquitto_strerror(rc);
}

int64_t steadyMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

extern "C" void publisherConnect(mosquitto*, void* self, int rc) {
    static_cast<MqttPublisher*>(self)->onConnect(rc);
}
extern "C" void publisherPublished(mosquitto*, void* self, int) {
    static_cast<MqttPublisher*>(self)->onPublish();
}

}  // namespace

MqttPublisher::~MqttPublisher() {
    disconnect();
}

Result<void> MqttPublisher::connect(const MqttOptions& options, int64_t timeoutMs) {
    disconnect();
    mosquitto_lib_init();  // reference-counted by libmosquitto; harmless when repeated
    const std::string id = options.clientId.empty()
                               ? strCat("parktwin-pub-", std::random_device{}() & 0xffffff)
                               : options.clientId;
    m_mosq = mosquitto_new(id.c_str(), true, this);
    if (!m_mosq) return makeError("mqtt publisher: mosquitto_new failed");
    mosquitto_connect_callback_set(m_mosq, publisherConnect);
    mosquitto_publish_callback_set(m_mosq, publisherPublished);
    // Publishing in bursts: let many QoS 1 messages be in flight at once.
    mosquitto_max_inflight_messages_set(m_mosq, 1000);
    if (!options.username.empty()) {
        mosquitto_username_pw_set(m_mosq, options.username.c_str(),
                                  options.password.empty() ? nullptr : options.password.c_str());
    }
    if (options.useTls) {
        auto cstr = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
        const int rc =
            mosquitto_tls_set(m_mosq, cstr(options.tls.caFile), cstr(options.tls.caPath),
                              cstr(options.tls.certFile), cstr(options.tls.keyFile), nullptr);
        if (rc != MOSQ_ERR_SUCCESS) return makeError("mqtt publisher: TLS setup: ", errorText(rc));
    }
    const int rc =
        mosquitto_connect(m_mosq, options.host.c_str(), options.port, options.keepAliveS);
    if (rc != MOSQ_ERR_SUCCESS) {
        return makeError("mqtt publisher: cannot connect to ", options.host, ":", options.port,
                         ": ", errorText(rc));
    }
    const int64_t deadline = steadyMs() + timeoutMs;
    while (m_connackRc < 0 && steadyMs() < deadline) {
        const int loop = mosquitto_loop(m_mosq, 50, 1);
        if (loop != MOSQ_ERR_SUCCESS) return makeError("mqtt publisher: ", errorText(loop));
    }
    if (m_connackRc != 0) {
        return makeError("mqtt publisher: broker did not accept the connection: ",
                         m_connackRc < 0 ? "timed out" : mosquitto_connack_string(m_connackRc));
    }
    return {};
}

Result<void> MqttPublisher::publish(std::string_view topic, std::string_view payload, int qos,
                                    bool retain) {
    if (!m_mosq) return makeError("mqtt publisher: not connected");
    const std::string t(topic);
    const int rc = mosquitto_publish(m_mosq, nullptr, t.c_str(), int(payload.size()),
                                     payload.data(), qos, retain);
    if (rc != MOSQ_ERR_SUCCESS) return makeError("mqtt publisher: publish: ", errorText(rc));
    if (qos > 0) ++m_sent;
    // Service the socket as we go so the outgoing queue does not grow without bound.
    mosquitto_loop(m_mosq, 0, 1);
    return {};
}

Result<void> MqttPublisher::flush(int64_t timeoutMs) {
    if (!m_mosq) return makeError("mqtt publisher: not connected");
    // QoS 0 messages are never acknowledged: they are done once the library has written them
    // to the socket, which want_write() tells. Without that wait, a disconnect right after a
    // burst of QoS 0 publishes could drop the tail of the burst.
    const int64_t deadline = steadyMs() + timeoutMs;
    while ((m_acked < m_sent || mosquitto_want_write(m_mosq)) && steadyMs() < deadline) {
        const int rc = mosquitto_loop(m_mosq, 20, 1);
        if (rc != MOSQ_ERR_SUCCESS) return makeError("mqtt publisher: ", errorText(rc));
    }
    if (m_acked < m_sent) {
        return makeError("mqtt publisher: ", m_sent - m_acked, " messages not acknowledged");
    }
    if (mosquitto_want_write(m_mosq)) return makeError("mqtt publisher: send queue not drained");
    return {};
}

void MqttPublisher::disconnect() {
    if (!m_mosq) return;
    mosquitto_disconnect(m_mosq);
    mosquitto_loop(m_mosq, 10, 1);
    mosquitto_destroy(m_mosq);
    m_mosq = nullptr;
    m_connackRc = -1;
    m_sent = m_acked = 0;
}

}  // namespace pt::data
