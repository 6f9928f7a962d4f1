#include "viewer/publish_command.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "data/publisher.h"
#include "data/sim_park_from_portfolio.h"
#include "park/manifest.h"
#include "twin/live_data.h"
#include "viewer/scene_source.h"

namespace pt::viewer {
namespace {

std::atomic<bool> g_stop{false};

void onSignal(int) {
    g_stop = true;
}

}  // namespace

int runPublish(const Options& options) {
    const std::string manifest = options.scene == "demo" ? demoManifestPath() : options.scene;
    auto portfolio = park::loadManifest(manifest);
    if (!portfolio) {
        std::fprintf(stderr, "parktwin publish: %s\n", portfolio.error().message.c_str());
        return 2;
    }
    data::PublishOptions p;
    const std::string_view url = std::string_view(options.broker).substr(7);
    const size_t colon = url.rfind(':');
    p.broker.host = std::string(url.substr(0, colon));
    p.broker.port = colon == std::string_view::npos
                        ? 1883
                        : std::atoi(std::string(url.substr(colon + 1)).c_str());
    if (p.broker.host.empty() || p.broker.port <= 0 || p.broker.port > 65535) {
        std::fprintf(stderr, "parktwin publish: --broker %s: expected mqtt://HOST:PORT\n",
                     options.broker.c_str());
        return 2;
    }
    p.park = data::simParkFromPortfolio(*portfolio);
    if (options.data.rfind("replay:", 0) == 0) {
        p.source = data::PublishOptions::Source::Replay;
        p.telemetryDir = options.data.substr(7);
    } else if (options.data != "sim") {
        std::fprintf(stderr, "parktwin publish: --data %s: expected sim or replay:DIR\n",
                     options.data.c_str());
        return 2;
    }
    // As the viewer's own simulator: 60 simulated seconds a second unless --speed says
    // otherwise, so a broker-fed viewer looks like the built-in demo. One unit interval of
    // warm-up: every unit reports in the first tick, and its values are retained at once, so
    // a viewer that connects now (or later) is not grey for the first simulated minute.
    p.sim.speed = options.speed > 0 ? options.speed : twin::kDefaultLiveSpeed;
    p.sim.warmupMs = p.sim.unitIntervalMs;
    p.sim.startLocalMinute = options.simStartMinute;
    p.replay.speed = p.sim.speed;
    p.durationMs = int64_t(options.durationSeconds * 1000);
    p.stop = &g_stop;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::printf("parktwin publish: %s data for %zu entities -> %s (Ctrl-C stops)\n",
                p.source == data::PublishOptions::Source::Replay ? "recorded" : "simulated",
                portfolio->entities().size(), options.broker.c_str());
    std::fflush(stdout);
    auto published = data::publish(p);
    if (!published) {
        std::fprintf(stderr, "parktwin publish: %s\n", published.error().message.c_str());
        return 2;
    }
    std::printf("parktwin publish: %llu values published\n", (unsigned long long)*published);
    return 0;
}

}  // namespace pt::viewer
