#include "viewer/export_command.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <set>

#include "core/file_io.h"
#include "render/time_of_day.h"
#include "twin/camera_animation.h"
#include "viewer/headless_render.h"
#include "viewer/tour.h"

namespace pt::viewer {
namespace {

using Clock = std::chrono::steady_clock;
constexpr float kExplodeSeconds = 0.8f;  // as in the viewer

int fail(const std::string& message) {
    std::fprintf(stderr, "parktwin export: %s\n", message.c_str());
    return 2;
}

// ffmpeg reading raw RGBA frames on stdin; its messages go to a log file read back on failure.
class FfmpegPipe {
public:
    ~FfmpegPipe() {
        if (m_pid > 0) static_cast<void>(finish());  // an earlier error is being reported
    }

    // Checked before the scene loads, so a missing encoder fails in a moment.
    static Result<void> check(const Options& o) {
        if (::access(o.ffmpeg.c_str(), X_OK) != 0)
            return makeError("ffmpeg not found at ", o.ffmpeg,
                             " (install the Debian package ffmpeg, or pass --ffmpeg PATH)");
        return {};
    }

    Result<void> start(const Options& o, const std::filesystem::path& log) {
        m_log = log;
        const std::string size = std::to_string(o.width) + "x" + std::to_string(o.height);
        const std::string fps = std::to_string(o.fps);
        const std::vector<std::string> args = {
            o.ffmpeg,   "-hide_banner", "-loglevel", "error",      "-y",       "-f",   "rawvideo",
            "-pix_fmt", "rgba",         "-s",        size,         "-r",       fps,    "-i",
            "-",        "-c:v",         "libx264",   "-preset",    "veryfast", "-crf", "18",
            "-pix_fmt", "yuv420p",      "-movflags", "+faststart", o.out};
        // Everything the child needs is prepared here: after fork() in a process with threads
        // (the Vulkan driver's), the child may only call async-signal-safe functions.
        std::vector<char*> argv;
        for (const std::string& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        const std::string logPath = log.string();
        int fds[2];
        if (::pipe(fds) != 0) return makeError("pipe: ", std::strerror(errno));
        m_pid = ::fork();
        if (m_pid < 0) return makeError("fork: ", std::strerror(errno));
        if (m_pid == 0) {
            ::dup2(fds[0], 0);
            ::close(fds[0]);
            ::close(fds[1]);
            const int logFd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (logFd >= 0) {
                ::dup2(logFd, 1);
                ::dup2(logFd, 2);
            }
            ::execv(argv[0], argv.data());
            _exit(127);
        }
        ::close(fds[0]);
        ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
        m_fd = fds[1];
        return {};
    }

    // Hands `frame` to a writer so the next frame renders while ffmpeg takes this one; waits for
    // the previous frame's write first and returns its error, if any.
    Result<void> writeNext(RgbaImage frame) {
        PT_TRY(waitForWrite());
        m_pending =
            std::async(std::launch::async, [this, f = std::move(frame)] { return write(f); });
        return {};
    }

    Result<void> waitForWrite() {
        if (!m_pending.valid()) return {};
        return m_pending.get();
    }

    Result<void> write(const RgbaImage& frame) {
        const uint8_t* p = frame.pixels.data();
        size_t left = frame.pixels.size();
        while (left > 0) {
            const ssize_t n = ::write(m_fd, p, left);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return makeError("ffmpeg stopped reading frames", logTail());
            p += n;
            left -= size_t(n);
        }
        return {};
    }

    // Closes its input and waits for it; an error carries the end of its messages.
    Result<void> finish() {
        const Result<void> written = waitForWrite();
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            return makeError("could not run ffmpeg", logTail());
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return makeError("ffmpeg failed (exit status ",
                             WIFEXITED(status) ? WEXITSTATUS(status) : -1, ")", logTail());
        return written;
    }

private:
    std::string logTail() const {
        auto text = readTextFile(m_log);
        if (!text || text->empty()) return "";
        std::string t = *text;
        if (t.size() > 600) t = "..." + t.substr(t.size() - 600);
        while (!t.empty() && (t.back() == '\n' || t.back() == '\r'))
            t.pop_back();
        return ": " + t;
    }

    pid_t m_pid = -1;
    int m_fd = -1;
    std::future<Result<void>> m_pending;  // the frame being written
    std::filesystem::path m_log;
};

// "export [##########..........]  120/300  40%  12.3 frames/s  ETA 0:15" on one stderr line.
void printProgress(uint32_t done, uint32_t total, double elapsedSeconds) {
    constexpr int kWidth = 30;
    const double fraction = total ? double(done) / total : 1.0;
    const int filled = int(fraction * kWidth);
    const double rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0.0;
    const int eta = rate > 0 ? int(std::lround((total - done) / rate)) : 0;
    std::fprintf(stderr, "\rexport [%.*s%.*s] %5u/%u %3d%%  %5.1f frames/s  ETA %d:%02d ", filled,
                 "##############################", kWidth - filled,
                 "..............................", done, total, int(fraction * 100), rate, eta / 60,
                 eta % 60);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
}

// What the tour's actions change in a headless frame.
struct ExportState {
    float floorModeSince = -1e9f;   // tour time of the last floor mode change (explode animation)
    std::set<std::string> ignored;  // command kinds without meaning in a video
};

void applyAction(HeadlessScene& hs, const Command& command, float t, ExportState& state) {
    auto warnFailed = [&](const std::string& why) {
        std::fprintf(stderr, "\nparktwin export: at %.2f s: %s: %s\n", t,
                     std::string(commandType(command)).c_str(), why.c_str());
    };
    const park::Portfolio* portfolio = hs.loaded.park ? &hs.loaded.park->portfolio : nullptr;
    if (auto* c = std::get_if<SelectCommand>(&command)) {
        if (c->entity.empty()) {
            hs.setup.inspection.selected = park::kNoEntity;
        } else if (auto e = portfolio ? portfolio->findEntity(c->entity) : std::nullopt) {
            hs.setup.inspection.selected = *e;
        } else {
            warnFailed("no entity '" + c->entity + "'");
        }
    } else if (auto* c = std::get_if<FloorModeCommand>(&command)) {
        if (auto mode = twin::parseFloorMode(c->mode)) {
            hs.setup.inspection.mode = *mode;
            state.floorModeSince = t;
        } else {
            warnFailed("unknown floor mode '" + c->mode + "'");
        }
    } else if (auto* c = std::get_if<LayerCommand>(&command)) {
        if (hs.live) hs.live->setLayer(c->layer);
    } else if (auto* c = std::get_if<TimeOfDayCommand>(&command)) {
        if (c->time.empty()) {
            hs.setup.lighting = render::Lighting{};
        } else if (auto hours = parseTimeOfDay(c->time)) {
            hs.setup.lighting = render::lightingAt(*hours);
        } else {
            warnFailed(hours.error().message);
        }
    } else if (auto* c = std::get_if<TimeCommand>(&command)) {
        if (!hs.live) return;
        data::TimeCursor& cursor = hs.live->cursor();
        if (c->action == "live") cursor.goLive();
        if (c->action == "pause") cursor.pause();
        if (c->action == "scrub") cursor.scrubTo(c->timeMs);
        if (c->action == "play") cursor.play(c->speed);
    } else if (!std::holds_alternative<CameraCommand>(command)) {
        // Fly-to (the tour drives the camera), language (no captions in the video), tours,
        // bookmarks and alerts have nothing to show here.
        state.ignored.insert(std::string(commandType(command)));
    }
}

}  // namespace

int runExport(const Options& options) {
    auto tour = loadTour(resolveTourPath(options.tour, toursDirectory(options.toursDir)));
    if (!tour) return fail(tour.error().message);
    if (tour->keyframes.empty()) return fail(options.tour + ": the tour has no keyframes");
    TourPlayer player;
    player.start(*tour);
    // A looping tour exports one lap; the last frame shows the end of the last dwell.
    const uint32_t frames =
        std::max(1u, uint32_t(std::ceil(double(player.totalDuration()) * options.fps)));

    const glm::uvec2 size{options.width, options.height};
    const glm::uvec2 grid = twin::tilesNeeded(size, kMaxTileSide);
    const std::vector<twin::PixelRect> rects = twin::splitImage(size, grid.x, grid.y);
    if (auto found = FfmpegPipe::check(options); !found) return fail(found.error().message);

    auto loaded = loadHeadlessScene(options, float(size.x) / float(size.y));
    if (!loaded) return fail(loaded.error().message);
    HeadlessScene& hs = **loaded;
    FfmpegPipe ffmpeg;
    // ffmpeg's messages, read back if it fails (beside the system's temporary files, so an
    // unwritable output folder still gets its explanation).
    const std::filesystem::path log = std::filesystem::temp_directory_path() /
                                      ("parktwin-export-" + std::to_string(::getpid()) + ".log");
    if (auto started = ffmpeg.start(options, log); !started) return fail(started.error().message);
    ::signal(SIGPIPE, SIG_IGN);  // a dead ffmpeg must be an error on write, not a silent exit
    const auto start = Clock::now();
    {
        render::Renderer renderer(
            *hs.context->device,
            {.samples = VkSampleCountFlagBits(options.samples ? options.samples : 4u)});
        ExportState state;
        for (uint32_t f = 0; f < frames; ++f) {
            const double t = double(f) / options.fps;
            const TourFrame tf = player.update(float(t - player.time()));
            for (const Command& action : tf.firedActions)
                applyAction(hs, action, float(t), state);
            render::Camera camera = hs.setup.camera;
            camera.orthographic = false;
            camera.eye = tf.camera.eye;
            camera.target = tf.camera.target;
            camera.fovYDegrees = tf.camera.fovYDegrees;
            hs.setup.inspection.explodeProgress = twin::easeInOut(
                std::clamp((float(t) - state.floorModeSince) / kExplodeSeconds, 0.0f, 1.0f));
            render::RenderView view{
                .camera = camera, .lighting = hs.setup.lighting, .timeSeconds = float(t)};
            view.clipPlane = hs.updateStates();
            view.entities = hs.states;
            if (auto written = ffmpeg.writeNext(drawTiles(hs, renderer, view, size, rects));
                !written) {
                std::fputc('\n', stderr);
                return fail(written.error().message);
            }
            printProgress(f + 1, frames,
                          std::chrono::duration<double>(Clock::now() - start).count());
        }
        if (!state.ignored.empty()) {
            std::string kinds;
            for (const std::string& k : state.ignored)
                kinds += (kinds.empty() ? "" : ", ") + k;
            std::fprintf(stderr, "parktwin export: actions not shown in a video: %s\n",
                         kinds.c_str());
        }
    }
    auto finished = ffmpeg.finish();
    std::error_code ignored;
    std::filesystem::remove(log, ignored);
    if (!finished) return fail(finished.error().message);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf(
        "parktwin export: %s, %u frames at %u fps (%.2f s of video), %ux%u, %s, %.1f s "
        "(%.2f frames/s) -> %s\n",
        tour->name.c_str(), frames, options.fps, double(frames) / options.fps, options.width,
        options.height, hs.context->device->name().c_str(), seconds, frames / seconds,
        options.out.c_str());
    return validationExitCode(hs, options, "export");
}

}  // namespace pt::viewer
