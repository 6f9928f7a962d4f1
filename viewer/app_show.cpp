// The App's kiosk and presentation show: idle cursor hiding and the kiosk exit chord, the attract
// loop after idle minutes, alert call-outs that fly to an alert and back, the KPI ticker, the tour
// recorder and section panels of the operator view, and the show's part of the API state.
#include "viewer/app_window.h"

#include <imgui.h>

#include "core/log.h"
#include "core/process_stats.h"
#include "twin/kpi.h"
#include "viewer/presentation_overlay.h"

namespace pt::viewer {

double App::secondsSinceStart(Clock::time_point now) const {
    return std::chrono::duration<double>(now - m_start).count();
}

void App::updateShow(Clock::time_point now, float aspect) {
    const double t = secondsSinceStart(now);
    if (m_options.kiosk) {
        if (m_kioskInput.exitChordDown()) {
            log::info("kiosk: exit chord ", m_options.exitChord);
            m_kioskExit = true;
        }
        if (glfwWindowShouldClose(m_window) && !m_kioskExit) {
            glfwSetWindowShouldClose(m_window, GLFW_FALSE);  // a stray Alt-F4 on a wall
            log::warnOnce("kiosk-close",
                          strCat("kiosk: close request ignored; quit with ", m_options.exitChord));
        }
        if (m_kioskExit) glfwSetWindowShouldClose(m_window, GLFW_TRUE);
    }
    if (m_options.kiosk || m_presentation) m_kioskInput.setCursorHidden(m_idle.cursorHidden(t));
    switch (m_idle.update(t)) {
        case IdleTracker::AttractChange::Start:
            startAttract();
            break;
        case IdleTracker::AttractChange::Stop:
            if (m_attractPlaying) m_tour.stop();
            m_attractPlaying = false;
            break;
        case IdleTracker::AttractChange::None:
            break;
    }
    if (m_presentation && m_live) updateCallouts(now, aspect);
}

void App::startAttract() {
    const std::filesystem::path path = m_options.attractTour.empty()
                                           ? toursDirectory(m_options.toursDir) / "investor.json"
                                           : std::filesystem::path(m_options.attractTour);
    auto tour = loadTour(path);
    if (!tour) {
        log::warnOnce("attract-tour", strCat("attract loop: ", tour.error().message));
        return;
    }
    tour->loop = true;  // an attract loop never ends by itself
    m_tourFile = *tour;
    m_tour.start(*tour);
    m_attractPlaying = true;
    log::info("attract loop: playing ", path.string(), " after ", m_options.attractAfterMinutes,
              " idle minutes");
}

Callout App::calloutFor(const data::Alert& alert) const {
    Callout c{.alertId = alert.id, .entityId = alert.entity, .level = int(alert.level)};
    c.title = alert.entity;
    if (auto e = findEntity(alert.entity)) {  // "A3栋 智造厂房 · 12F · 1203": where it is
        const park::Portfolio& p = m_loaded.park->portfolio;
        std::vector<std::string> names;
        for (park::EntityIndex at = *e;
             at != park::kNoEntity && p.entity(at).kind != park::EntityKind::Park;
             at = p.entity(at).parent)
            names.insert(names.begin(), p.entity(at).name);
        c.title.clear();
        for (const std::string& n : names)
            c.title += (c.title.empty() ? "" : " · ") + n;
    }
    c.detail = alert.ruleId + ": " + alert.value;
    return c;
}

void App::updateCallouts(Clock::time_point now, float aspect) {
    const data::AlertLog& alerts = m_live->alerts();
    if (alerts.revision() != m_alertRevision) {
        m_alertRevision = alerts.revision();
        for (const data::Alert& a : alerts.entries()) {
            if (!a.active() || a.acknowledged) {
                m_callouts.withdraw(a.id);
            } else if (a.id > m_lastOfferedAlert) {
                m_callouts.offer(calloutFor(a));
                m_lastOfferedAlert = a.id;
            }
        }
    }
    const float fly = float(m_callouts.timing().flySeconds);
    switch (m_callouts.update(secondsSinceStart(now))) {
        case CalloutDirector::Cue::FlyToAlert:
            m_calloutReturn = m_orbit.camera(m_lens);
            m_calloutSelectionBefore = m_inspect.selected;
            if (auto e = findEntity(m_callouts.current()->entityId)) {
                // Frame the floor around a unit (a unit alone fills the screen with wall),
                // and outline the entity itself.
                const park::Portfolio& p = m_loaded.park->portfolio;
                const park::EntityIndex floor = p.ancestorOfKind(*e, park::EntityKind::Floor);
                flyTo(floor != park::kNoEntity ? floor : *e, aspect);
                m_inspect.selected = *e;
            }
            if (m_flight) m_flight->duration = fly;
            break;
        case CalloutDirector::Cue::FlyBack:
            if (m_calloutReturn) {
                m_flight = twin::CameraFlight::between(m_orbit.camera(m_lens), *m_calloutReturn);
                m_flight->duration = fly;
                m_flightStart = now;
            }
            break;
        case CalloutDirector::Cue::Finished:
            m_calloutReturn.reset();
            m_inspect.selected = m_calloutSelectionBefore;
            break;
        case CalloutDirector::Cue::None:
            break;
    }
}

void App::drawShow(Clock::time_point now, const render::Camera& camera) {
    const bool zh = m_language == "zh";
    if (!m_presentation) {
        if (m_loaded.park) m_recorder.draw(recorderSnapshot(camera), m_commands, zh);
        if (m_inspect.mode == twin::FloorMode::Section) drawSection(zh);
        return;
    }
    const double t = secondsSinceStart(now);
    if (m_loaded.park && m_live && t - m_tickerUpdated >= 1.0) {  // KPIs once a second
        m_tickerUpdated = t;
        const twin::Kpis k =
            twin::computeKpis(m_loaded.park->portfolio, park::kNoEntity, m_live->store(),
                              &m_live->alerts(), m_live->cursor().cursorMs());
        m_ticker = tickerItems(
            {.peopleOnSite = k.occupancy.fresh > 0 ? std::optional(k.peopleOnSite) : std::nullopt,
             .capacity = k.capacity,
             .powerKw = k.power.fresh > 0 ? std::optional(k.powerKw) : std::nullopt,
             .energyTodayKwh = k.energyTodayKwh,
             .vacancy = k.vacancyByArea ? k.vacancyByArea : k.vacancyByCount,
             .chargersInUse = k.chargers.inUse,
             .chargersFaulted = k.chargers.faulted,
             .chargers = k.chargers.total,
             .dronesAirborne = k.dronesAirborne,
             .drones = k.drones,
             .openAlerts = k.openAlerts},
            zh);
    }
    m_foregroundRects.push_back(drawKpiTicker(m_ticker, t));
    if (const Callout* c = m_callouts.current()) {
        const double p = m_callouts.phaseProgress(t);
        const float fade = m_callouts.phase() == CalloutDirector::Phase::FlyingTo ? float(p)
                           : m_callouts.phase() == CalloutDirector::Phase::FlyingBack
                               ? float(1.0 - p)
                               : 1.0f;
        m_foregroundRects.push_back(drawCalloutCard(*c, fade, zh));
    }
}

void App::drawSection(bool zh) {
    glm::vec3 lo, hi;
    m_scene.bounds(lo, hi);
    if (m_loaded.park && m_inspect.selected != park::kNoEntity) {
        const park::EntityIndex building =
            m_loaded.park->portfolio.ancestorOfKind(m_inspect.selected, park::EntityKind::Building);
        if (building != park::kNoEntity && building < m_loaded.park->entityBounds.size() &&
            !m_loaded.park->entityBounds[building].empty()) {
            lo = m_loaded.park->entityBounds[building].min;
            hi = m_loaded.park->entityBounds[building].max;
        }
    }
    m_inspect.sectionPlane = m_sectionPanel.draw(lo, hi, zh);
}

RecorderSnapshot App::recorderSnapshot(const render::Camera& camera) const {
    RecorderSnapshot r{.camera = {camera.eye, camera.target, camera.fovYDegrees},
                       .floorMode = std::string(twin::toString(m_inspect.mode)),
                       .layer = m_live ? m_live->layer() : "",
                       .timeOfDay = m_timeOfDay};
    const park::Portfolio* p = m_loaded.park ? &m_loaded.park->portfolio : nullptr;
    if (p && m_inspect.selected < p->entities().size())
        r.selected = p->entity(m_inspect.selected).id;
    return r;
}

nlohmann::json App::showState() const {
    nlohmann::json s = {{"kiosk", m_options.kiosk},
                        {"presentation", m_presentation},
                        {"attract", m_attractPlaying},
                        {"recorderKeyframes", m_recorder.keyframes()}};
    s["callout"] = m_callouts.current() ? nlohmann::json(m_callouts.current()->alertId)
                                        : nlohmann::json(nullptr);
    if (m_calloutReturn) {
        const glm::vec3 e = m_calloutReturn->eye, t = m_calloutReturn->target;
        s["calloutReturn"] = {{"eye", {e.x, e.y, e.z}}, {"target", {t.x, t.y, t.z}}};
    }
    int width = 0, height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    s["window"] = {width, height};
    s["surfaceRecreations"] = m_target.surfaceRecreations();
    if (auto memory = memoryUsage())
        s["memory"] = {{"residentKiB", memory->residentKiB},
                       {"peakResidentKiB", memory->peakResidentKiB}};
    return s;
}

}  // namespace pt::viewer
