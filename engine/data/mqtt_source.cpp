#include "data/mqtt_source.h"

#include <mosquitto.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <random>

#include "core/log.h"

namespace pt::data {
namespace {

void libInitOnce() {
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });  // never cleaned up: process lifetime
}

std::string errorText(int rc) {
    if (rc == MOSQ_ERR_ERRNO) return std::strerror(errno);
    return mosquitto_strerror(rc);
}

extern "C" void onConnectTrampoline(mosquitto*, void* self, int rc) {
    static_cast<MqttSource*>(self)->onConnect(rc);
}

extern "C" void onLogTrampoline(mosquitto*, void* self, int level, const char* text) {
    if (level == MOSQ_LOG_ERR && text) static_cast<MqttSource*>(self)->onLibraryError(text);
}

extern "C" void onMessageTrampoline(mosquitto*, void* self, const mosquitto_message* msg) {
    static_cast<MqttSource*>(self)->onMessage(msg->topic, msg->payload, msg->payloadlen);
}

}  // namespace

std::string_view connectionStateName(ConnectionState state) {
    switch (state) {
        case ConnectionState::Stopped:
            return "stopped";
        case ConnectionState::Connecting:
            return "connecting";
        case ConnectionState::Connected:
            return "connected";
        case ConnectionState::Reconnecting:
            return "reconnecting";
        case ConnectionState::Failed:
            return "failed";
    }
    return "?";
}

MqttSource::MqttSource(MqttOptions options, IngestQueue& queue, IngestStats& stats,
                       const Clock& clock)
    : m_options(std::move(options)), m_queue(queue), m_stats(stats), m_clock(clock) {
    m_parse.interner = &m_queue.interner();
    m_parse.limits = m_options.limits;
    m_parse.cache = m_queue.takeKeyCache();
}

MqttSource::~MqttSource() {
    stop();
    m_queue.keepKeyCache(std::move(m_parse.cache));
}

Result<void> MqttSource::start() {
    if (m_thread.joinable()) return makeError("mqtt: source already started");
    if (m_options.port <= 0 || m_options.port > 65535) {
        return makeError("mqtt: port ", m_options.port, " is out of range");
    }
    if (m_options.keepAliveS < 5 || m_options.keepAliveS > 65535) {  // libmosquitto's range
        return makeError("mqtt: keepalive ", m_options.keepAliveS, " s is outside 5..65535 s");
    }
    for (const std::string* file :
         {&m_options.tls.caFile, &m_options.tls.certFile, &m_options.tls.keyFile}) {
        if (m_options.useTls && !file->empty() && !std::filesystem::exists(*file)) {
            return makeError("mqtt: TLS file '", *file, "' does not exist");
        }
    }
    if (m_options.useTls && m_options.tls.caFile.empty() && m_options.tls.caPath.empty()) {
        return makeError("mqtt: TLS needs a CA file or CA path");
    }
    libInitOnce();
    m_stop = false;
    setState(ConnectionState::Connecting);
    m_thread = std::thread([this] { run(); });
    return {};
}

void MqttSource::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
    std::lock_guard lock(m_mutex);
    if (m_status.state != ConnectionState::Failed) m_status.state = ConnectionState::Stopped;
}

ConnectionStatus MqttSource::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void MqttSource::setState(ConnectionState state, std::string error) {
    std::lock_guard lock(m_mutex);
    m_status.state = state;
    if (!error.empty()) m_status.lastError = std::move(error);
}

void MqttSource::onConnect(int rc) {
    if (rc != 0) {
        // Refused (bad credentials, not authorised): keep retrying with backoff, say why.
        // run() must not replace this reason with the "no connection" that the loop reports
        // after the disconnect below.
        m_refused = true;
        setState(ConnectionState::Reconnecting,
                 strCat(m_options.host, ":", m_options.port,
                        ": broker refused the connection: ", mosquitto_connack_string(rc)));
        mosquitto_disconnect(m_mosq);
        return;
    }
    mosquitto_log_callback_set(m_mosq, nullptr);  // see run()
    for (const std::string& topic : m_options.subscriptions) {
        const int sub = mosquitto_subscribe(m_mosq, nullptr, topic.c_str(), m_options.qos);
        if (sub != MOSQ_ERR_SUCCESS) {
            log::warn("mqtt: subscribe to '", topic, "' failed: ", errorText(sub));
        }
    }
    m_connected = true;
    std::lock_guard lock(m_mutex);
    m_status.state = ConnectionState::Connected;
    m_status.attempt = 0;
    m_status.nextRetryMs = 0;
    ++m_status.connects;
}

void MqttSource::onLibraryError(const char* text) {
    // The first of a burst names the cause (OpenSSL's "certificate verify failed"); the ones
    // after it repeat the failure in other words.
    if (m_libraryError.empty()) m_libraryError = text;
}

void MqttSource::onMessage(const char* topic, const void* payload, int length) {
    m_batch.clear();
    parseMessage(topic ? topic : "",
                 std::string_view(static_cast<const char*>(payload), size_t(std::max(length, 0))),
                 m_clock.nowMs(), m_batch, m_stats, m_parse);
    if (!m_batch.empty()) m_queue.push(m_batch);
    std::lock_guard lock(m_mutex);
    ++m_status.messages;
}

bool MqttSource::waitBackoff() {
    static thread_local std::mt19937 rng{std::random_device{}()};
    std::unique_lock lock(m_mutex);
    const int attempt = ++m_status.attempt;
    if (m_options.maxAttempts > 0 && attempt >= m_options.maxAttempts) {
        m_status.state = ConnectionState::Failed;
        return false;
    }
    const double base = std::min(double(m_options.backoffMaxMs),
                                 double(m_options.backoffInitialMs) * std::pow(2.0, attempt - 1));
    std::uniform_real_distribution<double> jitter(-m_options.backoffJitter,
                                                  m_options.backoffJitter);
    const auto delayMs = int64_t(std::max(1.0, base * (1.0 + jitter(rng))));
    m_status.state = ConnectionState::Reconnecting;
    m_status.nextRetryMs = m_clock.nowMs() + delayMs;
    return !m_wake.wait_for(lock, std::chrono::milliseconds(delayMs),
                            [this] { return m_stop.load(); });
}

int MqttSource::serviceConnection() {
    // Every packet that is ready is read before waiting again. mosquitto_loop() waits in
    // select() before each packet, and on a wake-up byte libmosquitto writes to its own socket
    // pair for every packet it queues (the PUBACK of each QoS 1 message): three extra system
    // calls per message, a third of the nine a batch message took. A read that found
    // nothing leaves EAGAIN in errno; a partly received packet is kept by libmosquitto for the
    // next call. (The wake-up bytes are not read here; once the pair's buffer is full, their
    // writes fail harmlessly.)
    constexpr int kPacketsPerWait = 256;  // then keepalive and writes get their turn
    bool drained = false;
    for (int packets = 0; packets < kPacketsPerWait && !m_stop; ++packets) {
        errno = 0;
        if (const int rc = mosquitto_loop_read(m_mosq, 1); rc != MOSQ_ERR_SUCCESS) return rc;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            drained = true;
            break;
        }
    }
    if (mosquitto_want_write(m_mosq)) {  // e.g. the SUBSCRIBE queued by onConnect()
        if (const int rc = mosquitto_loop_write(m_mosq, 1); rc != MOSQ_ERR_SUCCESS) return rc;
    }
    if (const int rc = mosquitto_loop_misc(m_mosq); rc != MOSQ_ERR_SUCCESS) return rc;
    if (!drained) return MOSQ_ERR_SUCCESS;
    pollfd socket{.fd = mosquitto_socket(m_mosq),
                  .events = short(POLLIN | (mosquitto_want_write(m_mosq) ? POLLOUT : 0)),
                  .revents = 0};
    if (socket.fd < 0) return MOSQ_ERR_NO_CONN;
    if (::poll(&socket, 1, 100) < 0 && errno != EINTR) return MOSQ_ERR_ERRNO;
    return MOSQ_ERR_SUCCESS;
}

void MqttSource::run() {
    std::string clientId = m_options.clientId;
    if (clientId.empty()) clientId = strCat("parktwin-", std::random_device{}() & 0xffffff);
    m_mosq = mosquitto_new(clientId.c_str(), /*clean_session=*/true, this);
    if (!m_mosq) {
        setState(ConnectionState::Failed, "mosquitto_new failed (out of memory?)");
        return;
    }
    mosquitto_connect_callback_set(m_mosq, onConnectTrampoline);
    mosquitto_message_callback_set(m_mosq, onMessageTrampoline);
    if (!m_options.username.empty()) {
        mosquitto_username_pw_set(
            m_mosq, m_options.username.c_str(),
            m_options.password.empty() ? nullptr : m_options.password.c_str());
    }
    if (m_options.useTls) {
        auto cstr = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
        const int rc =
            mosquitto_tls_set(m_mosq, cstr(m_options.tls.caFile), cstr(m_options.tls.caPath),
                              cstr(m_options.tls.certFile), cstr(m_options.tls.keyFile), nullptr);
        mosquitto_tls_insecure_set(m_mosq, m_options.tls.insecureSkipHostnameCheck);
        if (rc != MOSQ_ERR_SUCCESS) {
            setState(ConnectionState::Failed, strCat("TLS setup failed: ", errorText(rc)));
            mosquitto_destroy(m_mosq);
            return;
        }
    }
    while (!m_stop) {
        m_connected = false;
        m_refused = false;
        m_libraryError.clear();
        // libmosquitto's log says why a connection failed (a TLS certificate rejected, say).
        // Only until connected: with a log callback set it formats a line for every packet.
        mosquitto_log_callback_set(m_mosq, onLogTrampoline);
        int rc =
            mosquitto_connect(m_mosq, m_options.host.c_str(), m_options.port, m_options.keepAliveS);
        while (rc == MOSQ_ERR_SUCCESS && !m_stop)
            rc = serviceConnection();
        if (m_stop) break;
        // libmosquitto's code says what failed ("A TLS error occurred."), its log line why.
        std::string why = strCat(m_options.host, ":", m_options.port, ": ", errorText(rc));
        if (!m_libraryError.empty()) why += strCat(" (", m_libraryError, ")");
        if (m_connected) log::warn("mqtt: connection lost (", why, "); reconnecting");
        if (!m_refused) {  // a refusal's reason was recorded by onConnect()
            std::lock_guard lock(m_mutex);
            m_status.lastError = why;
        }
        if (!waitBackoff()) break;
    }
    mosquitto_disconnect(m_mosq);
    mosquitto_destroy(m_mosq);
    m_mosq = nullptr;
}

}  // namespace pt::data
