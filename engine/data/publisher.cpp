#include "data/publisher.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>
#include <unordered_map>

#include "core/log.h"
#include "data/mqtt_publisher.h"
#include "data/payload_parser.h"

namespace pt::data {
namespace {

Result<std::unique_ptr<SampleGenerator>> makeGenerator(const PublishOptions& options) {
    const SimPark park = options.park.value_or(makeDemoSimPark(options.sim.seed));
    if (options.source == PublishOptions::Source::Simulator) {
        return std::unique_ptr<SampleGenerator>(std::make_unique<Simulator>(park, options.sim));
    }
    auto room = loadUciOccupancy(options.telemetryDir / "uci-occupancy/datatraining.txt");
    PT_TRY(room);
    auto sessions = loadAcnSessions(options.telemetryDir / "acn-ev/acndata_sessions.json");
    PT_TRY(sessions);
    ReplayOptions replay = options.replay;
    if (replay.units.empty()) {  // default: the park's first 24 units
        for (size_t i = 0; i < park.units.size() && i < 24; ++i)
            replay.units.push_back({park.units[i].id, park.units[i].capacity});
    }
    return std::unique_ptr<SampleGenerator>(
        std::make_unique<Replay>(std::move(*room), std::move(*sessions), std::move(replay)));
}

// One value per entity+channel and tick: a generator that ran several steps in one advance()
// (speed > 1, a replay catching up) reports a channel more than once, stamped alike. A batch is
// a JSON object keyed by entity/channel, so the earlier ones would be overwritten on the wire
// anyway; dropping them here keeps the published count honest. The last (newest) one wins.
void keepLastPerChannel(std::vector<Sample>& samples) {
    std::unordered_map<std::string, size_t> last;
    last.reserve(samples.size());
    for (size_t i = 0; i < samples.size(); ++i)
        last[topicFor(samples[i].entity, samples[i].channel)] = i;
    if (last.size() == samples.size()) return;
    std::vector<Sample> kept;
    kept.reserve(last.size());
    for (size_t i = 0; i < samples.size(); ++i) {
        if (last[topicFor(samples[i].entity, samples[i].channel)] == i)
            kept.push_back(std::move(samples[i]));
    }
    samples.swap(kept);
}

// Publishes `samples` as batch messages of at most `batchSize` values. A batch carries one "ts"
// for all its values, so a batch is also cut where the timestamp changes.
Result<void> publishBatches(MqttPublisher& pub, const std::vector<Sample>& samples,
                            size_t batchSize, int qos) {
    std::vector<Sample> batch;
    for (size_t i = 0; i < samples.size();) {
        batch.clear();
        const int64_t ts = samples[i].tsMs;
        while (i < samples.size() && batch.size() < batchSize && samples[i].tsMs == ts)
            batch.push_back(samples[i++]);
        PT_TRY(pub.publish(kBatchTopic, encodeBatch(batch, ts), qos));
    }
    return {};
}

}  // namespace

Result<uint64_t> publish(const PublishOptions& options, const Clock& clock) {
    if (options.batchSize == 0) return makeError("publish: batch size must be at least 1");
    if (options.tickMs <= 0) return makeError("publish: tick must be at least 1 ms");
    auto generator = makeGenerator(options);
    PT_TRY(generator);
    MqttPublisher pub;
    PT_TRY(pub.connect(options.broker));
    const int64_t start = clock.nowMs();
    auto stopped = [&] { return options.stop && options.stop->load(); };
    auto finished = [&] {
        return stopped() || (options.durationMs > 0 && clock.nowMs() - start >= options.durationMs);
    };
    int64_t nextRetain = start;
    // topic -> payload of values changed since the last retained refresh. Only those are sent
    // again: the broker keeps the others, and every retained message also reaches every live
    // subscriber.
    std::map<std::string, std::string> dirty;
    auto refreshRetained = [&]() -> Result<void> {
        for (const auto& [topic, payload] : dirty)
            PT_TRY(pub.publish(topic, payload, 1, true));
        dirty.clear();
        return {};
    };
    std::vector<Sample> samples;
    uint64_t published = 0;
    int64_t nextTick = start;
    while (!finished()) {
        const int64_t now = clock.nowMs();
        samples.clear();
        (*generator)->advance(now, samples);
        keepLastPerChannel(samples);
        PT_TRY(publishBatches(pub, samples, options.batchSize, options.broker.qos));
        published += samples.size();
        if (options.retainEveryMs > 0) {
            for (const Sample& s : samples)
                dirty[topicFor(s.entity, s.channel)] = encodeValue(s.value, s.tsMs);
            if (now >= nextRetain) {
                PT_TRY(refreshRetained());
                nextRetain = now + options.retainEveryMs;
            }
        }
        PT_TRY(pub.flush());
        // Sleep to the next tick in short slices, so a stop request or the end of the duration
        // is noticed promptly rather than after a whole tick.
        nextTick = std::max(nextTick + options.tickMs, now);
        while (!finished() && clock.nowMs() < nextTick) {
            const int64_t left = std::min<int64_t>(nextTick - clock.nowMs(), 20);
            std::this_thread::sleep_for(std::chrono::milliseconds(std::max<int64_t>(left, 1)));
        }
    }
    // The last values must be the retained ones, or a viewer starting after this run would show
    // whatever the last periodic refresh happened to catch.
    if (options.retainEveryMs > 0) PT_TRY(refreshRetained());
    PT_TRY(pub.flush());
    pub.disconnect();
    return published;
}

}  // namespace pt::data
