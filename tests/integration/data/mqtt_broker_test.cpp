// Integration: the MQTT source against a real mosquitto on a loopback port.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "broker.h"
#include "data/ingestor.h"
#include "data/mqtt_publisher.h"
#include "data/mqtt_source.h"
#include "run_command.h"
#include "test_paths.h"

using namespace pt::data;
using pt::test::waitFor;

namespace {

// The frame loop's part: drain until `id/channel` holds `value` (bounded).
bool arrives(Ingestor& ingest, const TelemetryStore& store, const std::string& id, Channel channel,
             const Value& value) {
    return waitFor([&] {
        ingest.drain();
        const auto v = store.latest(store.find(id), channel);
        return v && v->value == value;
    });
}

struct Client {
    TelemetryStore store;
    Ingestor ingest{store, systemClock()};
    MqttSource source;

    explicit Client(int port, int64_t backoffMs = 100)
        : source(
              MqttOptions{
                  .port = port, .backoffInitialMs = backoffMs, .backoffMaxMs = 4 * backoffMs},
              ingest.queue(), ingest.stats(), systemClock()) {
        REQUIRE(source.start().ok());
    }
    bool seen(const std::string& id, Channel channel, const Value& value) {
        return arrives(ingest, store, id, channel, value);
    }
    bool connected() {
        return waitFor([&] { return source.status().state == ConnectionState::Connected; });
    }
};

void connectTo(MqttPublisher& pub, int port) {
    auto ok = pub.connect(MqttOptions{.port = port});
    if (!ok) FAIL(ok.error().message);
}

// A source that never gets a connection: its status once it has given up after `attempts`
// tries 20-40 ms apart (bounded wait).
ConnectionStatus statusOnceFailed(int port, MqttOptions options, int attempts) {
    TelemetryStore store;
    Ingestor ingest(store, systemClock());
    options.port = port;
    options.backoffInitialMs = 20;
    options.backoffMaxMs = 40;
    options.maxAttempts = attempts;
    MqttSource source(options, ingest.queue(), ingest.stats(), systemClock());
    REQUIRE(source.start().ok());
    REQUIRE(waitFor([&] { return source.status().state == ConnectionState::Failed; }));
    return source.status();
}

void skipWithoutBroker() {
    if (!std::filesystem::exists(pt::test::kMosquittoExe)) {
        std::fprintf(stderr, "SKIPPED: %s not installed\n", pt::test::kMosquittoExe);
        std::exit(pt::test::kSkipExitCode);
    }
}

}  // namespace

TEST_CASE("mqtt: published values and batches reach the store", "[integration][mqtt]") {
    skipWithoutBroker();
    pt::test::Broker broker("mqtt_publish");
    REQUIRE(broker.start());
    Client client(broker.port());
    REQUIRE(client.connected());
    MqttPublisher pub;
    REQUIRE(pub.connect(MqttOptions{.port = broker.port()}).ok());
    const int64_t now = systemClock().nowMs();
    REQUIRE(pub.publish(topicFor("gm/A3/F12/U1203", Channel::Power), encodeValue(41.7, now)).ok());
    REQUIRE(pub.publish("parktwin/v1/gm/A3/F12/U1204/occupancy", "7").ok());
    std::vector<Sample> batch = {{"gm/ev/P1/C07", Channel::Status, std::string("Charging"), 0},
                                 {"gm/ev/P1/C07", Channel::Power, 11.0, 0}};
    REQUIRE(pub.publish(kBatchTopic, encodeBatch(batch, now)).ok());
    REQUIRE(pub.flush().ok());
    CHECK(client.seen("gm/A3/F12/U1203", Channel::Power, 41.7));
    CHECK(client.seen("gm/A3/F12/U1204", Channel::Occupancy, 7.0));
    CHECK(client.seen("gm/ev/P1/C07", Channel::Status, std::string("Charging")));
    CHECK(client.seen("gm/ev/P1/C07", Channel::Power, 11.0));
    CHECK(client.store.latest(client.store.find("gm/A3/F12/U1203"), Channel::Power)->tsMs == now);
}

TEST_CASE("mqtt: a late subscriber gets the retained values at once", "[integration][mqtt]") {
    skipWithoutBroker();
    pt::test::Broker broker("mqtt_retained");
    REQUIRE(broker.start());
    {
        MqttPublisher pub;
        REQUIRE(pub.connect(MqttOptions{.port = broker.port()}).ok());
        REQUIRE(
            pub.publish("parktwin/v1/gm/ev/P1/C01/status", R"({"value":"Faulted"})", 1, true).ok());
        REQUIRE(pub.publish("parktwin/v1/gm/A1/power", "123", 1, true).ok());
        REQUIRE(pub.flush().ok());
    }
    Client client(broker.port());
    CHECK(client.seen("gm/ev/P1/C01", Channel::Status, std::string("Faulted")));
    CHECK(client.seen("gm/A1", Channel::Power, 123.0));
}

TEST_CASE("mqtt: malformed messages are counted, never applied", "[integration][mqtt]") {
    skipWithoutBroker();
    pt::test::Broker broker("mqtt_malformed");
    REQUIRE(broker.start());
    Client client(broker.port());
    REQUIRE(client.connected());
    MqttPublisher pub;
    REQUIRE(pub.connect(MqttOptions{.port = broker.port()}).ok());
    REQUIRE(pub.publish("parktwin/v1/gm/A1/power", "{garbage").ok());
    REQUIRE(pub.publish("parktwin/v1/gm/A1/power", "nan").ok());
    REQUIRE(pub.publish("parktwin/v1/gm/A1/wattage", "1").ok());
    REQUIRE(pub.publish("parktwin/v1/gm/A1/status", R"({"value":"Melting"})").ok());
    REQUIRE(pub.publish("parktwin/v1/batch", "[]").ok());
    REQUIRE(pub.publish("parktwin/v1/gm/A1/power", "5").ok());  // the marker that all arrived
    REQUIRE(pub.flush().ok());
    REQUIRE(client.seen("gm/A1", Channel::Power, 5.0));
    const IngestStats& stats = client.ingest.stats();
    CHECK(stats.rejected(RejectKind::BadPayload) == 2);
    CHECK(stats.rejected(RejectKind::NotFinite) == 1);
    CHECK(stats.rejected(RejectKind::UnknownChannel) == 1);
    CHECK(stats.rejected(RejectKind::WrongType) == 1);
    CHECK(client.store.find("gm/A1") != kNoEntity);
    CHECK_FALSE(client.store.latest(client.store.find("gm/A1"), Channel::Status));
}

TEST_CASE("mqtt: broker killed and restarted on the same port: reconnect and resume",
          "[integration][mqtt]") {
    skipWithoutBroker();
    pt::test::Broker broker("mqtt_restart");
    REQUIRE(broker.start());
    Client client(broker.port());
    REQUIRE(client.connected());
    {
        MqttPublisher pub;
        connectTo(pub, broker.port());
        REQUIRE(pub.publish("parktwin/v1/gm/A1/power", "1").ok());
        REQUIRE(pub.flush().ok());
    }
    REQUIRE(client.seen("gm/A1", Channel::Power, 1.0));

    broker.kill();
    REQUIRE(waitFor([&] { return client.source.status().state == ConnectionState::Reconnecting; }));
    const ConnectionStatus down = client.source.status();
    CHECK(down.attempt >= 1);
    CHECK(down.nextRetryMs > 0);
    CHECK_FALSE(down.lastError.empty());

    REQUIRE(broker.start());
    REQUIRE(client.connected());
    CHECK(client.source.status().connects == 2);
    CHECK(client.source.status().attempt == 0);
    MqttPublisher pub;
    connectTo(pub, broker.port());
    REQUIRE(pub.publish("parktwin/v1/gm/A1/power", "2").ok());  // needs the resubscription
    REQUIRE(pub.flush().ok());
    CHECK(client.seen("gm/A1", Channel::Power, 2.0));
}

TEST_CASE("mqtt: no broker: backoff grows, Failed after maxAttempts", "[integration][mqtt]") {
    TelemetryStore store;
    Ingestor ingest(store, systemClock());
    // Port 1 on loopback: nothing listens there, the connect is refused at once.
    MqttSource source(
        MqttOptions{.port = 1, .backoffInitialMs = 10, .backoffMaxMs = 40, .maxAttempts = 4},
        ingest.queue(), ingest.stats(), systemClock());
    REQUIRE(source.start().ok());
    REQUIRE(waitFor([&] { return source.status().state == ConnectionState::Failed; }));
    CHECK(source.status().attempt == 4);
    CHECK(source.status().lastError.find("127.0.0.1:1") != std::string::npos);
    MqttSource badTls(MqttOptions{.useTls = true, .tls = {.caFile = "/nonexistent/ca.pem"}},
                      ingest.queue(), ingest.stats(), systemClock());
    CHECK_FALSE(badTls.start().ok());
}

TEST_CASE("mqtt: a refused login keeps the broker's reason in the status",
          "[integration][mqtt][auth]") {
    skipWithoutBroker();
    const std::filesystem::path pwDir = pt::test::scratchDir("mqtt_auth_pw");
    const std::filesystem::path pwFile = pwDir / "passwords";
    pt::test::BrokerConfig config{.allowAnonymous = false};
    if (std::filesystem::exists("/usr/bin/mosquitto_passwd")) {
        const std::string cmd =
            "/usr/bin/mosquitto_passwd -b -c '" + pwFile.string() + "' viewer s3cret";
        REQUIRE(std::system(cmd.c_str()) == 0);
        config.extraConfig = "password_file " + pwFile.string() + "\n";
    }
    pt::test::Broker broker("mqtt_auth", config);
    REQUIRE(broker.start());

    auto refused = [&](MqttOptions options) {
        const ConnectionStatus status = statusOnceFailed(broker.port(), std::move(options), 3);
        INFO("lastError: " << status.lastError);
        CHECK(status.connects == 0);
        CHECK(status.attempt == 3);
        CHECK(status.lastError.find("refused") != std::string::npos);
        CHECK(status.lastError.find("not authorised") != std::string::npos);
        CHECK(status.lastError.find(std::to_string(broker.port())) != std::string::npos);
    };
    SECTION("anonymous") {
        refused(MqttOptions{});
    }
    if (!config.extraConfig.empty()) {
        SECTION("wrong password") {
            refused(MqttOptions{.username = "viewer", .password = "x"});
        }
        SECTION("right password connects") {
            TelemetryStore store;
            Ingestor ingest(store, systemClock());
            MqttSource source(
                MqttOptions{.port = broker.port(), .username = "viewer", .password = "s3cret"},
                ingest.queue(), ingest.stats(), systemClock());
            REQUIRE(source.start().ok());
            CHECK(waitFor([&] { return source.status().state == ConnectionState::Connected; }));
        }
    }
}

namespace {

// A throw-away certificate authority and a server certificate for 127.0.0.1 signed by it, made
// with the openssl command line in `dir` (EC keys: quick to generate). Returns false when a step
// fails, with its output in the test log.
bool makeTlsFiles(const std::filesystem::path& dir) {
    const std::string d = "'" + dir.string() + "'";
    const std::string script =
        "{ set -e; cd " + d +
        "; printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext"
        "; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
        "  -subj /CN=ParkTwin-test-CA -keyout ca.key -out ca.pem"
        "; openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        "  -subj /CN=127.0.0.1 -keyout server.key -out server.csr"
        "; openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2"
        "  -extfile san.ext -out server.pem"
        "; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
        "  -subj /CN=Someone-else -keyout other.key -out other-ca.pem"
        "; chmod 644 *.key; }";  // mosquitto may read them after dropping to its own user
    const pt::test::CommandRun run = pt::test::runCommand(script);
    INFO(run.output);
    return run.exitCode == 0;
}

}  // namespace

TEST_CASE("mqtt: TLS with a CA file: values arrive, a server the CA did not sign is refused",
          "[integration][mqtt][tls]") {
    skipWithoutBroker();
    const std::filesystem::path dir = pt::test::scratchDir("mqtt_tls_files");
    REQUIRE(makeTlsFiles(dir));
    pt::test::Broker broker("mqtt_tls",
                            {.extraConfig = "cafile " + (dir / "ca.pem").string() + "\ncertfile " +
                                            (dir / "server.pem").string() + "\nkeyfile " +
                                            (dir / "server.key").string() + "\n"});
    REQUIRE(broker.start());
    const MqttTls trusted{.caFile = (dir / "ca.pem").string()};

    SECTION("trusted: publish over TLS, received over TLS") {
        TelemetryStore store;
        Ingestor ingest(store, systemClock());
        MqttSource source(MqttOptions{.port = broker.port(), .useTls = true, .tls = trusted},
                          ingest.queue(), ingest.stats(), systemClock());
        REQUIRE(source.start().ok());
        REQUIRE(waitFor([&] { return source.status().state == ConnectionState::Connected; }));
        MqttPublisher pub;
        auto ok = pub.connect(MqttOptions{.port = broker.port(), .useTls = true, .tls = trusted});
        if (!ok) FAIL(ok.error().message);
        std::vector<Sample> batch;
        for (int u = 1; u <= 300; ++u) {  // larger than one TLS record
            batch.push_back({"gm/A2/F3/U" + std::to_string(u), Channel::Power, u * 0.5, 0});
        }
        REQUIRE(pub.publish(kBatchTopic, encodeBatch(batch, systemClock().nowMs())).ok());
        REQUIRE(pub.publish("parktwin/v1/gm/A2/F3/U1/occupancy", "4").ok());
        REQUIRE(pub.flush().ok());
        CHECK(arrives(ingest, store, "gm/A2/F3/U1", Channel::Occupancy, 4.0));
        for (int u : {1, 150, 300}) {
            const auto v =
                store.latest(store.find("gm/A2/F3/U" + std::to_string(u)), Channel::Power);
            REQUIRE(v);
            CHECK(v->value == Value(u * 0.5));
        }
        CHECK(ingest.stats().rejectedTotal() == 0);
    }
    SECTION("a CA that did not sign the server's certificate: never connected, reason kept") {
        const ConnectionStatus status = statusOnceFailed(
            broker.port(),
            MqttOptions{.useTls = true, .tls = {.caFile = (dir / "other-ca.pem").string()}}, 2);
        INFO("lastError: " << status.lastError);
        CHECK(status.connects == 0);
        // libmosquitto's own words ("A TLS error occurred.") and OpenSSL's reason after them.
        CHECK(status.lastError.find("TLS") != std::string::npos);
        CHECK(status.lastError.find("certificate verify failed") != std::string::npos);
    }
    SECTION("plain MQTT to the TLS listener is not accepted") {
        const ConnectionStatus status = statusOnceFailed(broker.port(), MqttOptions{}, 2);
        CHECK(status.connects == 0);
        CHECK_FALSE(status.lastError.empty());
    }
}

TEST_CASE("mqtt: an idle connection stays up on keepalive pings", "[integration][mqtt]") {
    skipWithoutBroker();
    pt::test::Broker broker("mqtt_keepalive");
    REQUIRE(broker.start());
    TelemetryStore store;
    Ingestor ingest(store, systemClock());
    // The broker drops a client that sends nothing for 1.5 keepalive periods: the source's own
    // loop must send PINGREQs while no data flows (it waits in poll() between them). 5 s is
    // libmosquitto's shortest keepalive; a shorter one is refused at start.
    MqttSource tooShort(MqttOptions{.port = broker.port(), .keepAliveS = 1}, ingest.queue(),
                        ingest.stats(), systemClock());
    const auto refused = tooShort.start();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message == "mqtt: keepalive 1 s is outside 5..65535 s");
    MqttSource source(MqttOptions{.port = broker.port(), .keepAliveS = 5}, ingest.queue(),
                      ingest.stats(), systemClock());
    REQUIRE(source.start().ok());
    REQUIRE(waitFor([&] { return source.status().state == ConnectionState::Connected; }));
    // mosquitto checks keepalives every few seconds: 13 s covers 1.5 periods and a check.
    std::this_thread::sleep_for(std::chrono::milliseconds(13000));
    CHECK(source.status().state == ConnectionState::Connected);
    CHECK(source.status().connects == 1);  // never dropped and reconnected
    MqttPublisher pub;
    connectTo(pub, broker.port());
    REQUIRE(pub.publish("parktwin/v1/gm/A1/power", "3").ok());
    REQUIRE(pub.flush().ok());
    CHECK(arrives(ingest, store, "gm/A1", Channel::Power, 3.0));
}
