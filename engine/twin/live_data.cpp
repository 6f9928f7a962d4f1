#include "twin/live_data.h"

#include <cstring>

#include "data/replay.h"
#include "data/sim_park_from_portfolio.h"
#include "data/simulator.h"

namespace pt::twin {
namespace {

Result<data::MqttOptions> parseMqttUrl(std::string_view url) {
    std::string_view rest = url.substr(std::string_view("mqtt://").size());
    const size_t colon = rest.rfind(':');
    data::MqttOptions o;
    o.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
        const std::string port(rest.substr(colon + 1));
        char* end = nullptr;
        const long p = std::strtol(port.c_str(), &end, 10);
        if (port.empty() || *end != '\0' || p <= 0 || p > 65535)
            return makeError("--data ", url, ": '", port, "' is not a port number");
        o.port = int(p);
    }
    if (o.host.empty()) return makeError("--data ", url, ": no host (expected mqtt://HOST:PORT)");
    return o;
}

Result<std::unique_ptr<data::SampleGenerator>> makeReplay(const park::Portfolio& portfolio,
                                                          const std::filesystem::path& dir,
                                                          double speed) {
    auto room = data::loadUciOccupancy(dir / "uci-occupancy/datatraining.txt");
    if (!room) return room.error();
    auto sessions = data::loadAcnSessions(dir / "acn-ev/acndata_sessions.json");
    if (!sessions) return sessions.error();
    data::ReplayOptions options;
    options.speed = speed;
    // The recorded room drives the units of the first park's first building, shifted in time.
    for (park::EntityIndex u : portfolio.ofKind(park::EntityKind::Unit)) {
        if (options.units.size() >= 64) break;
        options.units.push_back({portfolio.entity(u).id, std::max(portfolio.unit(u).capacity, 1)});
    }
    for (park::EntityIndex z : portfolio.ofKind(park::EntityKind::Zone))
        if (park::zoneKind(portfolio.zone(z)) == park::ZoneKind::EvChargingArea) {
            options.chargerZone = portfolio.entity(z).id;
            break;
        }
    return std::unique_ptr<data::SampleGenerator>(
        std::make_unique<data::Replay>(std::move(*room), std::move(*sessions), options));
}

}  // namespace

LiveData::LiveData(const park::Portfolio& portfolio, const data::Clock& clock, data::RuleSet rules,
                   const data::HistoryConfig& history)
    : m_portfolio(portfolio),
      m_clock(clock),
      m_rules(std::move(rules)),
      m_store(history),
      m_cursor(clock) {}

LiveData::~LiveData() {
    if (m_generator) m_generator->stop();
    if (m_mqtt) m_mqtt->stop();
}

Result<std::unique_ptr<LiveData>> LiveData::create(const park::Portfolio& portfolio,
                                                   const LiveDataOptions& options) {
    const data::Clock& clock = options.clock ? *options.clock : data::systemClock();
    const std::string rulesPath = options.rulesPath.empty() ? PT_DEFAULT_RULES : options.rulesPath;
    auto rules = data::RuleSet::load(rulesPath);
    if (!rules) return rules.error();
    std::unique_ptr<LiveData> live(
        new LiveData(portfolio, clock, std::move(*rules), options.history));
    data::registerPortfolio(portfolio, live->m_store);
    data::IngestOptions ingest;
    ingest.entityValidator = [&portfolio](std::string_view id) {
        return portfolio.findEntity(id).has_value();
    };
    live->m_ingestor = std::make_unique<data::Ingestor>(live->m_store, clock, ingest);
    live->m_evaluator = std::make_unique<data::OverlayEvaluator>(live->m_rules, live->m_alerts);
    std::vector<data::EntityKey> slots;
    for (const park::Entity& e : portfolio.entities())
        slots.push_back(live->m_store.ensureEntity(e.id));
    live->m_evaluator->setEntities(std::move(slots), live->m_store);
    live->m_visual.resize(portfolio.entities().size());
    live->m_sourceName = options.source;

    const std::string& src = options.source;
    if (src == "sim") {
        data::SimOptions sim{.seed = options.seed,
                             .speed = options.speed,
                             .warmupMs = options.simWarmupMs,
                             .startLocalMinute = options.simStartLocalMinute};
        live->m_generator = std::make_unique<data::GeneratorSource>(
            std::make_unique<data::Simulator>(data::simParkFromPortfolio(portfolio), sim),
            live->m_ingestor->queue(), clock);
        live->m_generator->start();
    } else if (src.rfind("replay:", 0) == 0) {
        auto replay = makeReplay(portfolio, src.substr(7), options.speed);
        if (!replay) return makeError("--data ", src, ": ", replay.error().message);
        live->m_generator = std::make_unique<data::GeneratorSource>(
            std::move(*replay), live->m_ingestor->queue(), clock);
        live->m_generator->start();
    } else if (src.rfind("mqtt://", 0) == 0) {
        auto mqtt = parseMqttUrl(src);
        if (!mqtt) return mqtt.error();
        live->m_mqtt = std::make_unique<data::MqttSource>(*mqtt, live->m_ingestor->queue(),
                                                          live->m_ingestor->stats(), clock);
        PT_TRY(live->m_mqtt->start());
    } else if (src != "none") {
        return makeError("--data: unknown source '", src,
                         "' (expected sim, replay:DIR, mqtt://HOST:PORT or none)");
    }
    live->setLayer(options.layer);
    return live;
}

void LiveData::setLayer(std::string_view layer) {
    m_layer = std::string(layer);
    m_evaluator->setActiveLayer(layer, m_store);
}

void LiveData::update(std::span<render::EntityState> states) {
    if (const size_t applied = m_ingestor->drain()) {
        m_applied += applied;
        m_lastDataMs = m_clock.nowMs();
    }
    const int64_t cursor = m_cursor.cursorMs();
    // The evaluator keeps its own copy so that caller bits never leak into rule state.
    m_evaluator->update(m_store, cursor, m_cursor.isLive(), m_visual);
    const size_t n = std::min(states.size(), m_visual.size());
    for (size_t i = 0; i < n; ++i) {
        const uint32_t caller = states[i].flags & data::VisualFlag::kCallerMask;
        states[i].rgba = m_visual[i].rgba;
        states[i].flags = (m_visual[i].flags & ~data::VisualFlag::kCallerMask) | caller;
        states[i].value = m_visual[i].value;
        states[i].rule = m_visual[i].rule;
    }
}

std::string LiveData::label(park::EntityIndex entity) {
    return m_evaluator->label(m_store, entity, m_cursor.cursorMs());
}

LiveHealth LiveData::health() const {
    LiveHealth h{.source = m_sourceName,
                 .samplesApplied = m_applied,
                 .rejected = m_ingestor->stats().rejectedTotal(),
                 .lastDataMs = m_lastDataMs,
                 .dataAgeMs = m_lastDataMs < 0 ? -1 : m_clock.nowMs() - m_lastDataMs};
    if (m_mqtt) {
        const data::ConnectionStatus s = m_mqtt->status();
        h.connection = std::string(data::connectionStateName(s.state));
        h.reconnectAttempt = s.attempt;
        h.connects = s.connects;
    }
    return h;
}

std::string LiveData::sourceStatus() const {
    if (!m_mqtt) return m_sourceName;
    const data::ConnectionStatus s = m_mqtt->status();
    static const char* kStates[] = {"stopped", "connecting", "connected", "reconnecting", "failed"};
    std::string line = m_sourceName + ": " + kStates[int(s.state) % 5];
    if (s.state == data::ConnectionState::Reconnecting)
        line += " (attempt " + std::to_string(s.attempt) + ")";
    if (!s.lastError.empty() && s.state != data::ConnectionState::Connected)
        line += " - " + s.lastError;
    return line;
}

}  // namespace pt::twin
