// The App's command handling: the one place application state changes. Every UI action, key,
// remote call and tour step arrives as a Command and is applied here once per frame (selection,
// fly-to, floor modes, layers, time, camera, lighting, presentation, alerts, bookmarks, tours),
// plus the playing tour that feeds the queue and its caption.
#include "viewer/app_window.h"

#include <imgui.h>

#include <algorithm>

#include "core/log.h"
#include "render/time_of_day.h"
#include "viewer/presentation_overlay.h"

namespace pt::viewer {

void App::applyCommands(float aspect) {
    for (const Command& command : m_commands.drain()) {
        if (auto applied = apply(command, aspect); !applied)
            log::warn("command ", commandType(command), ": ", applied.error().message);
    }
}

Result<park::EntityIndex> App::findEntity(const std::string& id) const {
    if (!m_loaded.park) return makeError("the scene has no park model");
    auto e = m_loaded.park->portfolio.findEntity(id);
    if (!e) return makeError("no entity '", id, "'");
    return *e;
}

Result<void> App::apply(const Command& command, float aspect) {
    if (auto* c = std::get_if<SelectCommand>(&command)) {
        if (c->entity.empty()) return m_inspect.selected = park::kNoEntity, Result<void>{};
        auto e = findEntity(c->entity);
        if (!e) return e.error();
        m_inspect.selected = *e;
    } else if (auto* c = std::get_if<FlyToCommand>(&command)) {
        auto e = findEntity(c->entity);
        if (!e) return e.error();
        flyTo(*e, aspect);
    } else if (auto* c = std::get_if<FloorModeCommand>(&command)) {
        auto mode = twin::parseFloorMode(c->mode);
        if (!mode) return makeError("unknown floor mode '", c->mode, "'");
        m_inspect.mode = *mode;
        m_explodeStart = Clock::now();
    } else if (auto* c = std::get_if<LayerCommand>(&command)) {
        if (!m_live) return makeError("no live data");
        const auto layers = m_live->layers();
        if (std::find(layers.begin(), layers.end(), c->layer) == layers.end())
            return makeError("unknown layer '", c->layer, "'");
        m_live->setLayer(c->layer);
    } else if (auto* c = std::get_if<LanguageCommand>(&command)) {
        m_language = c->language;
    } else if (auto* c = std::get_if<TimeCommand>(&command)) {
        if (!m_live) return makeError("no live data");
        data::TimeCursor& cursor = m_live->cursor();
        if (c->action == "live") cursor.goLive();
        if (c->action == "pause") cursor.pause();
        if (c->action == "scrub") cursor.scrubTo(c->timeMs);
        if (c->action == "play") cursor.play(c->speed);
    } else if (auto* c = std::get_if<CameraCommand>(&command)) {
        m_flight.reset();
        m_lens.orthographic = false;
        m_lens.fovYDegrees = c->fovYDegrees;
        m_orbit = render::OrbitController::lookingAt(c->eye, c->target);
    } else if (auto* c = std::get_if<TimeOfDayCommand>(&command)) {
        if (c->time.empty()) {
            m_lighting = render::Lighting{};
        } else {
            auto hours = parseTimeOfDay(c->time);
            if (!hours) return hours.error();
            m_lighting = render::lightingAt(*hours);
        }
        m_timeOfDay = c->time;
    } else {
        return applyMore(command);
    }
    return {};
}

Result<void> App::applyMore(const Command& command) {
    if (auto* c = std::get_if<PresentationCommand>(&command)) {
        m_presentation = c->on;
        if (!m_presentation) m_kioskInput.setCursorHidden(false);
        return {};
    }
    if (auto* c = std::get_if<AlertCommand>(&command)) {
        if (!m_live) return makeError("no live data");
        if (c->action == "ackAll") {
            m_live->alerts().acknowledgeAll();
        } else if (!m_live->alerts().acknowledge(c->id)) {
            return makeError("no active alert ", c->id);
        }
        return {};
    }
    if (auto* c = std::get_if<BookmarkCommand>(&command)) {
        if (c->action == "save") {
            twin::Bookmark b = twin::bookmarkFromCamera(c->name, m_orbit.camera(m_lens));
            if (m_loaded.park && m_inspect.selected < m_loaded.park->portfolio.entities().size())
                b.selected = m_loaded.park->portfolio.entity(m_inspect.selected).id;
            b.floorMode = m_inspect.mode;
            m_bookmarks.put(std::move(b));
            return twin::saveBookmarks(m_options.bookmarks, m_bookmarks);
        }
        const twin::Bookmark* b = m_bookmarks.find(c->name);
        if (!b) return makeError("no bookmark '", c->name, "'");
        const render::Camera to = twin::cameraFromBookmark(*b, m_lens);
        m_flight = twin::CameraFlight::between(m_orbit.camera(m_lens), to);
        m_flightStart = Clock::now();
        m_inspect.mode = b->floorMode;
        if (b->selected) {
            if (auto e = findEntity(*b->selected)) m_inspect.selected = *e;
        }
        return {};
    }
    if (auto* c = std::get_if<TourCommand>(&command)) {
        if (c->action == "stop") return m_tour.stop(), Result<void>{};
        auto tour = loadTour(resolveTourPath(c->tour, toursDirectory(m_options.toursDir)));
        if (!tour) return tour.error();
        m_tourFile = *tour;
        m_tour.start(*tour);
        return {};
    }
    return makeError("not available in this build (", commandType(command), ")");
}

void App::updateTour(Clock::time_point now) {
    const float dt = std::chrono::duration<float>(now - m_lastTourUpdate).count();
    m_lastTourUpdate = now;
    if (!m_tour.playing() || m_callouts.active()) return;  // a call-out holds the tour
    const TourFrame f = m_tour.update(std::min(dt, 0.25f));
    for (const Command& c : f.firedActions)
        m_commands.push(c);
    m_commands.push(toCameraCommand(f.camera));
    m_caption = m_language == "zh" && !f.captionZh.empty() ? f.captionZh : f.caption;
}

void App::drawCaption() {
    if (!m_tour.playing() || m_caption.empty()) return;
    if (m_presentation) {
        m_foregroundRects.push_back(drawRoomCaption(m_caption, true));
        return;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const float scale = 1.8f;  // readable from across a room
    const ImVec2 size = ImGui::CalcTextSize(m_caption.c_str());
    const ImVec2 box(size.x * scale + 48, size.y * scale + 24);
    const ImVec2 at(vp->WorkPos.x + (vp->WorkSize.x - box.x) * 0.5f,
                    vp->WorkPos.y + vp->WorkSize.y - box.y - 40);
    draw->AddRectFilled(at, ImVec2(at.x + box.x, at.y + box.y), IM_COL32(10, 16, 26, 200), 8.0f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, ImVec2(at.x + 24, at.y + 12),
                  IM_COL32_WHITE, m_caption.c_str());
    m_foregroundRects.push_back({at.x, at.y, at.x + box.x, at.y + box.y});
}

}  // namespace pt::viewer
