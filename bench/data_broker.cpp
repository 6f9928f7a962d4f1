// Live ingest through a real local broker (a plain main printing a table; it starts its own
// /usr/sbin/mosquitto on a free loopback port and kills it at the end).
//  (a) Throughput: one stream of batch messages (500 values each, QoS 1) is published three
//      times, to `mosquitto_sub -q 1 -t 'parktwin/v1/#' -C N > /dev/null` (the reference: a C
//      client that only receives) and to MqttSource + Ingestor + TelemetryStore drained by a
//      frame loop, once every 1 ms and once at 60 Hz. Rate = channel updates / (first publish ->
//      last message consumed / last value applied in the store). The 1 ms loop is the fair
//      comparison: at 60 Hz the clock also stops only at the next frame after the last message,
//      up to 16.7 ms later, which is latency (measured in (b)), not ingest work.
//  (b) Latency at 10k updates/s (100-value batches at 100 Hz, QoS 1): publish -> applied in the
//      store by the 60 Hz frame loop; p50/p99/max. Includes waiting for the next frame.
// Every wait is bounded; the whole run takes ~15-30 s.
// Usage: bench_data_broker [messages (4000)] [repetitions (5)]
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/log.h"
#include "data/ingestor.h"
#include "data/mqtt_publisher.h"
#include "data/mqtt_source.h"
#include "loopback.h"

using namespace pt::data;
using Steady = std::chrono::steady_clock;

namespace {

constexpr const char* kMosquitto = "/usr/sbin/mosquitto";
constexpr const char* kMosquittoSub = "/usr/bin/mosquitto_sub";
constexpr int kValuesPerBatch = 500;
constexpr int kEntities = 20'000;  // each entity reports once every 40 messages
constexpr int kQos = 1;
constexpr auto kFrame = std::chrono::microseconds(16'667);  // 60 Hz
constexpr auto kFastDrain = std::chrono::microseconds(1'000);

double secondsSince(Steady::time_point t0) {
    return std::chrono::duration<double>(Steady::now() - t0).count();
}

bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = Steady::now() + timeout;
    while (!done()) {
        if (Steady::now() > deadline) return done();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

// Starts a process with stdout (and stderr) appended to `outPath`; returns the pid or -1.
// posix_spawn, not fork: a fork marks every page of this process copy-on-write, and the warm
// store's ~80 MB of history would then take a page fault per 4 KiB page on its next writes,
// during the timed ParkTwin run that follows each reference run.
pid_t spawn(const std::vector<std::string>& argv, const std::string& outPath) {
    std::fflush(stdout);
    posix_spawn_file_actions_t files;
    ::posix_spawn_file_actions_init(&files);
    ::posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, outPath.c_str(),
                                       O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    if (::posix_spawn(&pid, args[0], &files, nullptr, args.data(), environ) != 0) pid = -1;
    ::posix_spawn_file_actions_destroy(&files);
    return pid;
}

// A mosquitto on a free loopback port that logs subscriptions, so the bench knows when a
// subscriber is ready before it starts the clock.
class LocalBroker {
public:
    LocalBroker() {
        char tmpl[] = "/tmp/pt_bench_broker_XXXXXX";
        m_dir = ::mkdtemp(tmpl);
        m_port = pt::test::freeLoopbackPort();
        // A log file rather than stdout: mosquitto buffers stdout when it is a file. Started as
        // root, mosquitto drops to its own user before opening the log, hence the permissions.
        namespace fs = std::filesystem;
        std::ofstream(logPath()).flush();
        fs::permissions(m_dir,
                        fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
        fs::permissions(logPath(),
                        fs::perms::all & ~(fs::perms::owner_exec | fs::perms::group_exec |
                                           fs::perms::others_exec));
        std::ofstream(m_dir / "mosquitto.conf")
            << "listener " << m_port << " 127.0.0.1\n"
            << "allow_anonymous true\npersistence false\n"
            << "max_queued_messages 100000\n"  // the whole stream may queue for a slow reader
            << "log_dest file " << logPath() << "\n"
            << "log_type error\nlog_type warning\nlog_type subscribe\n";
        m_pid = spawn({kMosquitto, "-c", (m_dir / "mosquitto.conf").string()},
                      (m_dir / "mosquitto.out").string());
    }
    ~LocalBroker() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            ::waitpid(m_pid, nullptr, 0);
        }
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    bool ready() const {
        return waitUntil([&] { return pt::test::acceptsConnections(m_port); },
                         std::chrono::seconds(10));
    }
    // True once the broker logged a subscription by `clientId`.
    bool subscribed(const std::string& clientId) const {
        return waitUntil(
            [&] {
                std::ifstream in(logPath());
                std::stringstream text;
                text << in.rdbuf();
                return text.str().find(" " + clientId + " ") != std::string::npos;
            },
            std::chrono::seconds(10));
    }
    int port() const { return m_port; }
    std::string dir() const { return m_dir.string(); }

private:
    std::string logPath() const { return (m_dir / "mosquitto.log").string(); }
    std::filesystem::path m_dir;
    int m_port = 0;
    pid_t m_pid = -1;
};

std::string entityId(int n) {
    char id[48];
    std::snprintf(id, sizeof id, "gm/A%d/F%d/U%d", n % 12 + 1, (n / 12) % 20 + 1, n);
    return id;
}

// The stream: `count` batch payloads of kValuesPerBatch power values over kEntities entities,
// stamped with increasing ms (all in the recent past, so nothing is out of order or "future").
std::vector<std::string> makeStream(int count) {
    std::vector<std::string> ids;
    for (int n = 0; n < kEntities; ++n)
        ids.push_back(entityId(n));
    const int64_t base = systemClock().nowMs() - count - 1000;
    std::vector<std::string> out;
    std::vector<Sample> batch;
    for (int m = 0; m < count; ++m) {
        batch.clear();
        for (int i = 0; i < kValuesPerBatch; ++i) {
            const int n = (m * kValuesPerBatch + i) % kEntities;
            batch.push_back({ids[size_t(n)], Channel::Power, 10.0 + (m * 7 + i) % 900 * 0.125, 0});
        }
        out.push_back(encodeBatch(batch, base + m));
    }
    return out;
}

// The same stream stamped `shiftMs` later: a warm store rejects values older than it holds, so
// each run on it gets timestamps after the previous run's. encodeBatch writes "ts" first.
std::vector<std::string> restamp(const std::vector<std::string>& stream, int64_t shiftMs) {
    std::vector<std::string> out;
    out.reserve(stream.size());
    for (const std::string& payload : stream) {
        const size_t start = payload.find(':') + 1, end = payload.find(',');
        const int64_t ts = std::stoll(payload.substr(start, end - start));
        out.push_back(payload.substr(0, start) + std::to_string(ts + shiftMs) +
                      payload.substr(end));
    }
    return out;
}

// One ingest pipeline as the viewer holds it: the store outlives the sources. A fresh one is
// "cold" (every entity, series and history ring is created during the run); after a first
// stream it is "warm", as in a viewer that has been running (rings allocated, ids resolved).
struct Pipeline {
    TelemetryStore store;
    Ingestor ingest{store, systemClock()};
};

struct Run {
    double seconds = 0;         // first publish -> last message consumed / value applied
    double publishSeconds = 0;  // first publish -> all acknowledged
    double publisherCpu = 0;    // CPU seconds of the publishing thread
    double consumerCpu = 0;     // CPU seconds of the consumer (mosquitto_sub, or our threads)
    uint64_t updates = 0;
    uint64_t rejected = 0;  // e.g. queue full when the frame loop falls behind
    bool complete = false;
};

double threadCpuSeconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double cpuSeconds(const rusage& usage) {
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

double processCpuSeconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return cpuSeconds(usage);
}

bool publishAll(const std::vector<std::string>& stream, int port, double& seconds, double& cpu,
                Steady::time_point t0) {
    const double cpu0 = threadCpuSeconds();
    struct Done {
        double& cpu;
        double cpu0;
        ~Done() { cpu = threadCpuSeconds() - cpu0; }
    } done{cpu, cpu0};
    MqttPublisher pub;
    if (auto ok = pub.connect(MqttOptions{.port = port}); !ok) {
        std::fprintf(stderr, "publisher: %s\n", ok.error().message.c_str());
        return false;
    }
    // Connecting (~1 ms on loopback) is inside the timed span, alike for both subscribers.
    for (const std::string& payload : stream) {
        if (auto ok = pub.publish(kBatchTopic, payload, kQos); !ok) return false;
    }
    const bool flushed = pub.flush(30'000).ok();
    seconds = secondsSince(t0);
    return flushed;
}

Run referenceRun(const LocalBroker& broker, const std::vector<std::string>& stream, int rep) {
    Run run;
    const std::string id = "pt-bench-ref-" + std::to_string(rep);
    const pid_t sub = spawn({kMosquittoSub, "-h", "127.0.0.1", "-p", std::to_string(broker.port()),
                             "-q", std::to_string(kQos), "-i", id, "-t", "parktwin/v1/#", "-C",
                             std::to_string(stream.size())},
                            "/dev/null");
    if (sub <= 0 || !broker.subscribed(id)) {
        if (sub > 0) ::kill(sub, SIGKILL), ::waitpid(sub, nullptr, 0);
        return run;
    }
    const auto t0 = Steady::now();
    std::thread publisher(
        [&] { publishAll(stream, broker.port(), run.publishSeconds, run.publisherCpu, t0); });
    // mosquitto_sub exits after the N-th message: that is "time to last".
    int status = 0;
    rusage usage{};
    const bool exited = waitUntil([&] { return ::wait4(sub, &status, WNOHANG, &usage) == sub; },
                                  std::chrono::seconds(60));
    run.consumerCpu = cpuSeconds(usage);  // the whole process, connect and subscribe included
    run.seconds = secondsSince(t0);
    publisher.join();
    if (!exited) {
        ::kill(sub, SIGKILL);
        ::waitpid(sub, nullptr, 0);
    }
    run.complete = exited && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    run.updates = run.complete ? stream.size() * kValuesPerBatch : 0;
    return run;
}

Run parktwinRun(const LocalBroker& broker, const std::vector<std::string>& stream,
                Pipeline& pipeline, const std::string& id, std::chrono::microseconds framePeriod) {
    Run run;
    Ingestor& ingest = pipeline.ingest;
    const uint64_t rejectedBefore = ingest.stats().rejectedTotal();
    MqttSource source(MqttOptions{.port = broker.port(), .clientId = id, .qos = kQos},
                      ingest.queue(), ingest.stats(), systemClock());
    if (!source.start().ok() || !broker.subscribed(id)) return run;
    const uint64_t want = stream.size() * kValuesPerBatch;
    const double cpu0 = processCpuSeconds();
    const auto t0 = Steady::now();
    std::thread publisher(
        [&] { publishAll(stream, broker.port(), run.publishSeconds, run.publisherCpu, t0); });
    // The frame loop: drain every framePeriod until everything is applied (bounded).
    auto nextFrame = t0;
    const auto deadline = t0 + std::chrono::seconds(60);
    // Rejected values (queue full when the loop falls behind) end the run too, as incomplete.
    auto settled = [&] {
        return run.updates + (ingest.stats().rejectedTotal() - rejectedBefore) >= want;
    };
    while (!settled() && Steady::now() < deadline) {
        nextFrame += framePeriod;
        std::this_thread::sleep_until(nextFrame);
        run.updates += ingest.drain();
        pipeline.store.clearChanged();
    }
    run.seconds = secondsSince(t0);
    publisher.join();
    // This process's CPU over the run less the publisher's: the MQTT thread and the frame loop
    // (the connect and subscribe before t0 are not in it; mosquitto_sub's figure includes them).
    run.consumerCpu = processCpuSeconds() - cpu0 - run.publisherCpu;
    run.rejected = ingest.stats().rejectedTotal() - rejectedBefore;
    run.complete = run.updates == want && run.rejected == 0;
    if (!run.complete) {
        std::fprintf(stderr, "  %s: %llu of %llu applied, %llu rejected (queue full: %llu)\n",
                     id.c_str(), (unsigned long long)run.updates, (unsigned long long)want,
                     (unsigned long long)run.rejected,
                     (unsigned long long)ingest.stats().rejected(RejectKind::QueueFull));
    }
    return run;
}

struct Latency {
    double p50 = 0, p99 = 0, max = 0;
    size_t samples = 0;
    uint64_t sent = 0;
};

// 10k updates/s: 100-value batches at 100 Hz for `seconds`. Each value carries its send time
// (µs since t0) as the power reading, so after each frame's drain the bench knows the latency of
// every update it applied. Entities rotate through 10'000, so within one frame an entity changes
// at most once and store.changed() lists each applied update.
Latency latencyRun(const LocalBroker& broker, double seconds) {
    constexpr int kPerBatch = 100;
    constexpr auto kPeriod = std::chrono::milliseconds(10);
    constexpr int kPool = 10'000;
    Latency result;
    TelemetryStore store;
    Ingestor ingest(store, systemClock());
    const std::string id = "pt-bench-latency";
    MqttSource source(MqttOptions{.port = broker.port(), .clientId = id, .qos = kQos},
                      ingest.queue(), ingest.stats(), systemClock());
    if (!source.start().ok() || !broker.subscribed(id)) return result;
    std::vector<std::string> ids;
    for (int n = 0; n < kPool; ++n)
        ids.push_back(entityId(n));

    const auto t0 = Steady::now();
    const auto usSinceT0 = [&] {
        return double(
            std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - t0).count());
    };
    std::atomic<bool> done{false};
    std::atomic<uint64_t> sent{0};
    std::thread publisher([&] {
        MqttPublisher pub;
        if (!pub.connect(MqttOptions{.port = broker.port()}).ok()) {
            done = true;
            return;
        }
        std::vector<Sample> batch;
        auto next = Steady::now();
        for (int m = 0; secondsSince(t0) < seconds; ++m) {
            batch.clear();
            const double sentUs = usSinceT0();
            for (int i = 0; i < kPerBatch; ++i)
                batch.push_back({ids[size_t((m * kPerBatch + i) % kPool)], Channel::Power, sentUs});
            if (!pub.publish(kBatchTopic, encodeBatch(batch, systemClock().nowMs()), kQos).ok())
                break;
            sent += kPerBatch;
            (void)pub.flush(1000);  // services the acks of earlier batches
            next += kPeriod;
            std::this_thread::sleep_until(next);
        }
        (void)pub.flush(5000);
        done = true;
    });
    std::vector<double> latenciesMs;
    auto nextFrame = t0;
    const auto deadline = t0 + std::chrono::duration<double>(seconds + 10);
    while (Steady::now() < deadline &&
           !(done && latenciesMs.size() >= sent.load() && ingest.queue().size() == 0)) {
        nextFrame += kFrame;
        std::this_thread::sleep_until(nextFrame);
        if (ingest.drain() == 0) continue;
        const double nowUs = usSinceT0();
        for (EntityKey key : store.changed()) {
            const auto v = store.latest(key, Channel::Power);
            if (v && store.childrenOf(key).empty())
                latenciesMs.push_back((nowUs - std::get<double>(v->value)) / 1000.0);
        }
        store.clearChanged();
        if (done && latenciesMs.size() >= sent.load()) break;
    }
    publisher.join();
    result.sent = sent;
    result.samples = latenciesMs.size();
    if (latenciesMs.empty()) return result;
    std::sort(latenciesMs.begin(), latenciesMs.end());
    auto pct = [&](double p) {
        return latenciesMs[std::min(latenciesMs.size() - 1,
                                    size_t(p * double(latenciesMs.size())))];
    };
    result.p50 = pct(0.50);
    result.p99 = pct(0.99);
    result.max = latenciesMs.back();
    return result;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int messages = argc > 1 ? std::max(10, std::atoi(argv[1])) : 4000;
    const int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    if (!std::filesystem::exists(kMosquitto) || !std::filesystem::exists(kMosquittoSub)) {
        std::printf("SKIPPED: %s or %s not installed\n", kMosquitto, kMosquittoSub);
        return 0;
    }
    pt::log::setMinLevel(pt::log::Level::Warning);
    LocalBroker broker;
    if (!broker.ready()) {
        std::fprintf(stderr, "mosquitto did not start on port %d\n", broker.port());
        return 1;
    }
    const auto stream = makeStream(messages);
    size_t bytes = 0;
    for (const std::string& s : stream)
        bytes += s.size();
    const uint64_t updates = uint64_t(messages) * kValuesPerBatch;
    std::printf(
        "bench_data_broker: mosquitto on 127.0.0.1:%d, QoS %d, %d messages x %d values "
        "(%.1f MB, %d entities), %d runs each, alternating\n",
        broker.port(), kQos, messages, kValuesPerBatch, double(bytes) / 1e6, kEntities, reps);

    std::vector<double> refRates, coldRates, ptRates, pt60Rates, refPub, pairRatios;
    std::vector<double> refCpu, ptCpu, pubCpu;
    bool allComplete = true;
    auto state = [](const Run& r) { return r.complete ? "complete" : "INCOMPLETE"; };
    auto rate = [&](const Run& r, std::vector<double>& into) {
        if (r.complete) into.push_back(double(updates) / r.seconds);
        allComplete = allComplete && r.complete;
    };
    Pipeline warm;
    int64_t shiftMs = 0;
    auto nextStream = [&] { return restamp(stream, shiftMs += messages + 1); };
    // Warms the pipeline: ids interned and resolved, series created, and the full-rate rings
    // grown to their capacity (a stream gives each series 100 values; rings hold 256).
    for (int pass = 0; pass < 3; ++pass) {
        const Run first = parktwinRun(broker, nextStream(), warm,
                                      "pt-bench-warmup-" + std::to_string(pass), kFastDrain);
        allComplete = allComplete && first.complete;
    }
    for (int rep = 0; rep < reps; ++rep) {
        const std::string n = std::to_string(rep);
        const Run ref = referenceRun(broker, stream, rep);
        Pipeline fresh;
        const Run cold = parktwinRun(broker, stream, fresh, "pt-bench-cold-" + n, kFastDrain);
        const Run pt = parktwinRun(broker, nextStream(), warm, "pt-bench-1ms-" + n, kFastDrain);
        const Run pt60 = parktwinRun(broker, nextStream(), warm, "pt-bench-60hz-" + n, kFrame);
        std::printf(
            "  run %d: mosquitto_sub %6.3f s (%s); ParkTwin warm 1 ms drain %6.3f s (%s, %.2fx), "
            "warm 60 Hz %6.3f s (%s), cold 1 ms drain %6.3f s (%s); consumer CPU: "
            "mosquitto_sub %.0f ms, ParkTwin warm 1 ms %.0f ms\n",
            rep + 1, ref.seconds, state(ref), pt.seconds, state(pt), ref.seconds / pt.seconds,
            pt60.seconds, state(pt60), cold.seconds, state(cold), ref.consumerCpu * 1e3,
            pt.consumerCpu * 1e3);
        if (ref.complete && pt.complete) {
            pairRatios.push_back(ref.seconds / pt.seconds);
            refCpu.push_back(ref.consumerCpu);
            ptCpu.push_back(pt.consumerCpu);
            pubCpu.push_back(pt.publisherCpu);
        }
        rate(ref, refRates);
        rate(pt, ptRates);
        rate(pt60, pt60Rates);
        rate(cold, coldRates);
        refPub.push_back(double(updates) / std::max(ref.publishSeconds, 1e-9));
    }
    const double refRate = median(refRates), ptRate = median(ptRates);
    const double pt60Rate = median(pt60Rates), coldRate = median(coldRates);
    std::printf("\n(a) sustained ingest, 500-value batches, QoS %d (median of %d)\n", kQos, reps);
    std::printf("  %-44s %14s %12s\n", "consumer", "updates/s", "messages/s");
    std::printf("  %-44s %14.0f %12.0f\n", "publisher, first publish -> last PUBACK",
                median(refPub), median(refPub) / kValuesPerBatch);
    std::printf("  %-44s %14.0f %12.0f\n", "mosquitto_sub -C N > /dev/null (reference)", refRate,
                refRate / kValuesPerBatch);
    const std::pair<const char*, double> rows[] = {{"ParkTwin, warm store, 1 ms drain", ptRate},
                                                   {"ParkTwin, warm store, 60 Hz frames", pt60Rate},
                                                   {"ParkTwin, cold store, 1 ms drain", coldRate}};
    for (const auto& [name, r] : rows)
        std::printf("  %-44s %14.0f %12.0f\n", name, r, r / kValuesPerBatch);
    auto ratio = [&](double r) { return refRate > 0 ? r / refRate : 0.0; };
    std::printf(
        "  ratio ParkTwin / mosquitto_sub: warm 1 ms %.2fx (target >= 0.8x), warm 60 Hz %.2fx, "
        "cold 1 ms %.2fx; warm 1 ms vs 200k updates/s target: %.1fx\n",
        ratio(ptRate), ratio(pt60Rate), ratio(coldRate), ptRate / 200'000);
    std::printf("  ratio per run (same run's mosquitto_sub / warm 1 ms), median: %.2fx\n",
                median(pairRatios));
    std::printf(
        "  CPU per run (median): mosquitto_sub process %.0f ms (%.1f ns a value); ParkTwin MQTT "
        "thread + frame loop %.0f ms (%.1f ns a value); publisher thread %.0f ms\n",
        median(refCpu) * 1e3, median(refCpu) * 1e9 / double(updates), median(ptCpu) * 1e3,
        median(ptCpu) * 1e9 / double(updates), median(pubCpu) * 1e3);
    std::printf(
        "  warm store history: %.1f MB in rings for %zu entities (%zu bytes a numeric sample)\n",
        double(warm.store.historyBytes()) / 1e6, warm.store.entityCount(), sizeof(NumberPoint));

    const Latency lat = latencyRun(broker, 5.0);
    std::printf(
        "\n(b) latency publish -> applied in store (60 Hz drain), 10k updates/s "
        "(100-value batches at 100 Hz), QoS %d, 5 s\n",
        kQos);
    std::printf("  updates sent %llu, measured %zu: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                (unsigned long long)lat.sent, lat.samples, lat.p50, lat.p99, lat.max);
    std::printf("  (includes the wait for the next frame: 0..16.7 ms, 8.3 ms on average)\n");
    return allComplete && lat.samples > 0 ? 0 : 1;
}
