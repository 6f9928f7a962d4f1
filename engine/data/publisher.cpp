#include "data/publisher.h"

#include <map>
#include <thread>

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
    for (size_t i = 0; replay.units.empty() && i < park.units.size() && i < 24; ++i) {
        replay.units.push_back({park.units[i].id, park.units[i].capacity});
    }
    return std::unique_ptr<SampleGenerator>(
        std::make_unique<Replay>(std::move(*room), std::move(*sessions), std::move(replay)));
}

}  // namespace

Result<uint64_t> publish(const PublishOptions& options, const Clock& clock) {
    auto generator = makeGenerator(options);
    PT_TRY(generator);
    MqttPublisher pub;
    PT_TRY(pub.connect(options.broker));
    const int64_t start = clock.nowMs();
    int64_t nextRetain = start;
    std::map<std::string, std::string> latest;  // topic -> payload, for the retained refresh
    std::vector<Sample> samples, batch;
    uint64_t published = 0;
    while (!(options.stop && options.stop->load()) &&
           (options.durationMs <= 0 || clock.nowMs() - start < options.durationMs)) {
        const int64_t now = clock.nowMs();
        samples.clear();
        (*generator)->advance(now, samples);
        for (size_t i = 0; i < samples.size(); i += options.batchSize) {
            batch.assign(
                samples.begin() + ptrdiff_t(i),
                samples.begin() + ptrdiff_t(std::min(samples.size(), i + options.batchSize)));
            PT_TRY(pub.publish(kBatchTopic, encodeBatch(batch, now), options.broker.qos));
        }
        published += samples.size();
        if (options.retainEveryMs > 0) {
            for (const Sample& s : samples)
                latest[topicFor(s.entity, s.channel)] = encodeValue(s.value, s.tsMs);
            if (now >= nextRetain) {
                for (const auto& [topic, payload] : latest)
                    PT_TRY(pub.publish(topic, payload, 1, true));
                nextRetain = now + options.retainEveryMs;
            }
        }
        PT_TRY(pub.flush());
        std::this_thread::sleep_for(std::chrono::milliseconds(options.tickMs));
    }
    return published;
}

}  // namespace pt::data
