// Issue 7's performance report, one table per question, each against a reference measured in the
// same run (docs/benchmarks.md, "Tours, export and remote control"):
//
//  1. Frame pacing while a shipped tour plays, lavapipe, 1280x720, 1x MSAA (the viewer's setting
//     on a CPU device): p50/p99 of the frame-to-frame time with the tour moving the camera, against
//     the same loop with the camera standing still at the tour's first keyframe.
//  2. Export throughput at 1920x1080: `parktwin export` of a 2 s tour segment at 10 frames/s
//     (20 frames), end to end, against `parktwin render` of single frames at the same size
//     (each a whole process: start, scene load, one frame, PNG) - frames/s of both and the ratio,
//     in wall time and per CPU second of the child processes (less moved by other load).
//  3. Remote command latency: request -> command in the queue (the method behind the figure in
//     docs/remote-api.md: 200 POSTs to an in-process RemoteApi over 127.0.0.1, keep-alive) and,
//     with a DISPLAY, request -> change visible in /state of a running viewer (the command applied
//     by the frame loop), over 40 select commands.
//
// A plain main printing tables; needs the demo park (build target demo_park) and the parktwin
// binary. Run: build/bin/bench_tour_export_remote (under xvfb-run for part 3's viewer).
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_scene.h"
#include "render/offscreen_target.h"
#include "render/renderer.h"
#include "viewer/command.h"
#include "viewer/remote_api.h"
#include "viewer/tour.h"

namespace fs = std::filesystem;
using namespace pt;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kParktwin = std::string(PT_BENCH_BINARY_DIR) + "/bin/parktwin";
const fs::path kInvestorTour = fs::path(PT_BENCH_SOURCE_DIR) / "assets/tours/investor.json";

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

struct Percentiles {
    double p50 = 0, p99 = 0;
};

Percentiles percentiles(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    if (v.empty()) return {};
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)]};
}

// ---- 1. frame pacing --------------------------------------------------------------------------

// Frame-to-frame times of `frames` frames with two in flight, as the viewer runs (no readback
// wait; the id image is copied back every frame for labels, as in the viewer). `cameraAt(i)`
// gives frame i's camera.
template <class CameraAt>
std::vector<double> frameTimes(bench::BenchScene& scene, int frames, CameraAt cameraAt) {
    render::RenderContext& rc = bench::context();
    render::OffscreenTarget target(*rc.device, {1280, 720});
    render::Renderer renderer(*rc.device, {.samples = VK_SAMPLE_COUNT_1_BIT});
    renderer.setIdReadback(true);
    std::vector<double> times;
    Clock::time_point last;
    for (int i = -3; i < frames; ++i) {  // 3 warm-up frames (pipelines, shadow map, upload)
        gfx::FrameData& frame = rc.frames->beginFrame();
        const Clock::time_point now = Clock::now();
        if (i > 0) times.push_back(ms(now - last));
        last = now;
        target.acquire(frame);
        render::RenderView view{.camera = cameraAt(std::max(i, 0)), .entities = scene.entities};
        renderer.render(frame, *scene.gpu, view, target.image());
        rc.frames->submit(frame, target.finish(frame));
    }
    rc.device->waitIdle();
    return times;
}

void framePacing() {
    auto scene = bench::demoPark();
    auto tour = viewer::loadTour(kInvestorTour);
    if (!scene || !tour) {
        std::printf("1. frame pacing: skipped (%s)\n",
                    !scene ? "demo park not generated" : tour.error().message.c_str());
        return;
    }
    constexpr int kFrames = 120;
    viewer::TourPlayer player;
    player.start(*tour);
    const float lap = player.totalDuration();
    auto cameraOf = [&](const viewer::TourCamera& t) {
        render::Camera c = scene->camera;
        c.eye = t.eye;
        c.target = t.target;
        c.fovYDegrees = t.fovYDegrees;
        return c;
    };
    // The tour: frames spread evenly over one whole lap, so every flight and dwell is sampled.
    const auto tourTimes = frameTimes(*scene, kFrames, [&](int i) {
        return cameraOf(player.cameraAt(lap * float(i) / float(kFrames)));
    });
    const auto stillTimes =
        frameTimes(*scene, kFrames, [&](int) { return cameraOf(player.cameraAt(0.0f)); });
    const Percentiles t = percentiles(tourTimes), s = percentiles(stillTimes);
    std::printf("\n1. frame pacing, demo park, 1280x720, 1x MSAA, lavapipe, %d frames each\n",
                kFrames);
    std::printf("| loop | p50 ms | p99 ms | p99/p50 |\n| --- | --- | --- | --- |\n");
    std::printf("| investor tour (%.0f s lap) | %.1f | %.1f | %.2f |\n", lap, t.p50, t.p99,
                t.p99 / t.p50);
    std::printf("| still camera (reference) | %.1f | %.1f | %.2f |\n", s.p50, s.p99, s.p99 / s.p50);
    std::printf("| ratio tour / still | %.2fx | %.2fx | |\n", t.p50 / s.p50, t.p99 / s.p99);
}

// ---- 2. export throughput ---------------------------------------------------------------------

// CPU seconds (user + system) of all finished child processes so far: unlike wall time it
// hardly moves when other processes compete for the cores.
double childCpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_CHILDREN, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// Runs `command`; returns its exit code and keeps its stdout in `output`.
int runQuiet(const std::string& command, std::string* output = nullptr) {
    FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe) return -1;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof(buffer), pipe))
        if (output) output->append(buffer, n);
    const int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void exportThroughput() {
    const fs::path dir =
        fs::temp_directory_path() / ("pt_bench_export_" + std::to_string(getpid()));
    fs::create_directories(dir);
    // The investor tour's first flight: 2 s from keyframe 0 towards keyframe 1.
    std::ofstream(dir / "segment.json") << R"({"format": "parktwin-tour", "version": 1,
      "name": "segment", "keyframes": [
        {"eye": [430, 390, 520], "target": [50, 20, 10], "fov": 45, "dwellSeconds": 0},
        {"eye": [270, 110, -215], "target": [165, 70, -80], "fov": 50, "dwellSeconds": 0,
         "travelSeconds": 2}]})";
    constexpr int kVideoFrames = 20, kRenders = 3;
    const std::string common = " --size 1920x1080 --data none --samples 4";
    double cpu = childCpuSeconds();
    auto start = Clock::now();
    std::string exportOutput;
    const int exportRc = runQuiet(kParktwin + " export --tour " + (dir / "segment.json").string() +
                                      " --fps 10 --out " + (dir / "segment.mp4").string() + common,
                                  &exportOutput);
    const double exportSeconds = ms(Clock::now() - start) / 1000.0;
    const double exportCpu = childCpuSeconds() - cpu;  // parktwin and its ffmpeg
    cpu = childCpuSeconds();
    start = Clock::now();
    int renderRc = 0;
    for (int i = 0; i < kRenders && renderRc == 0; ++i)
        renderRc = runQuiet(kParktwin + " render --out " + (dir / "frame.png").string() + common);
    const double renderSeconds = ms(Clock::now() - start) / 1000.0;
    const double renderCpu = childCpuSeconds() - cpu;
    fs::remove_all(dir);
    if (exportRc != 0 || renderRc != 0) {
        std::printf("\n2. export throughput: failed (export exit %d, render exit %d)\n", exportRc,
                    renderRc);
        return;
    }
    const double exportFps = kVideoFrames / exportSeconds;
    const double renderFps = kRenders / renderSeconds;
    std::printf("\n2. export throughput, demo park, 1920x1080, 4x MSAA, lavapipe, end to end\n");
    std::printf(
        "| run | frames | wall s | frames/s | CPU s | frames per CPU s |\n"
        "| --- | --- | --- | --- | --- | --- |\n");
    std::printf("| parktwin export (H.264, with ffmpeg) | %d | %.1f | %.2f | %.1f | %.3f |\n",
                kVideoFrames, exportSeconds, exportFps, exportCpu, kVideoFrames / exportCpu);
    std::printf(
        "| parktwin render, one frame per process (reference) | %d | %.1f | %.2f | %.1f | "
        "%.3f |\n",
        kRenders, renderSeconds, renderFps, renderCpu, kRenders / renderCpu);
    std::printf("| ratio export / render | | | %.2fx | | %.2fx |\n", exportFps / renderFps,
                (kVideoFrames / exportCpu) / (kRenders / renderCpu));
    // parktwin export's own figure: frames/s of its render-and-encode loop, without start-up.
    const size_t at = exportOutput.rfind(" s (");
    if (at != std::string::npos)
        std::printf(
            "| (export's loop alone, without start-up and scene load: %.2f frames/s) "
            "| | | | | |\n",
            std::atof(exportOutput.c_str() + at + 4));
}

// ---- 3. remote command latency
// ----------------------------------------------------------------

Percentiles requestToQueue() {
    viewer::CommandQueue queue;
    auto api = viewer::RemoteApi::start(
        {.token = "bench-token", .maxRequestsPerSecond = 1e6, .burst = 1000000}, queue,
        [] { return nlohmann::json::object(); },
        [](std::chrono::milliseconds) -> Result<std::vector<uint8_t>> {
            return makeError("no screenshots in the benchmark");
        });
    if (!api) return {};
    httplib::Client client("127.0.0.1", (*api)->port());
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);  // as curl does; else a delayed ACK adds ~40 ms
    client.set_bearer_token_auth("bench-token");
    std::vector<double> micros;
    for (int i = 0; i < 200; ++i) {
        const auto start = Clock::now();
        auto res = client.Post("/api/v1/layer", R"({"layer": "power"})", "application/json");
        if (!res || res->status != 202) return {};
        micros.push_back(ms(Clock::now() - start) * 1000.0);
    }
    queue.drain();
    return percentiles(micros);
}

// Request -> the viewer's /state shows the new selection (applied by its frame loop).
std::optional<Percentiles> requestToApplied() {
    if (!std::getenv("DISPLAY")) return std::nullopt;
    const fs::path dir = fs::temp_directory_path() / ("pt_bench_api_" + std::to_string(getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "token") << "bench-token\n";
    const int port = 18700 + getpid() % 1000;
    const pid_t pid = fork();
    if (pid == 0) {
        const int fd = ::open((dir / "viewer.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        dup2(fd, 2);
        const std::string api = "127.0.0.1:" + std::to_string(port);
        const std::string token = (dir / "token").string();
        execl(kParktwin.c_str(), kParktwin.c_str(), "--size", "1280x720", "--data", "none",
              "--no-vsync", "--api", api.c_str(), "--api-token-file", token.c_str(), nullptr);
        _exit(127);
    }
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    client.set_bearer_token_auth("bench-token");
    const auto deadline = Clock::now() + std::chrono::seconds(120);
    bool up = false;
    while (!up && Clock::now() < deadline) {
        auto r = client.Get("/api/v1/state");
        up = r && r->status == 200 && r->body.find("\"selected\"") != std::string::npos;
        if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    std::vector<double> msTimes;
    for (int i = 0; up && i < 40; ++i) {
        const std::string id = "gm/A" + std::to_string(1 + i % 8);
        const auto start = Clock::now();
        auto posted =
            client.Post("/api/v1/select", "{\"entity\": \"" + id + "\"}", "application/json");
        if (!posted || posted->status != 202) break;
        bool applied = false;
        while (!applied && Clock::now() - start < std::chrono::seconds(10)) {
            auto r = client.Get("/api/v1/state");
            applied = r && nlohmann::json::parse(r->body).value("selected", "") == id;
        }
        if (!applied) break;
        msTimes.push_back(ms(Clock::now() - start));
        // A different entity next time, and a pause so requests do not line up with frames.
        std::this_thread::sleep_for(std::chrono::milliseconds(37));
    }
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    fs::remove_all(dir);
    if (msTimes.size() < 40) return std::nullopt;
    return percentiles(msTimes);
}

void remoteLatency() {
    const Percentiles queued = requestToQueue();
    const auto applied = requestToApplied();
    std::printf("\n3. remote command latency, 127.0.0.1, keep-alive\n");
    std::printf("| path | p50 | p99 |\n| --- | --- | --- |\n");
    std::printf(
        "| request -> command queued (200 x POST /layer, in-process API; the "
        "docs/remote-api.md method, reference) | %.0f us | %.0f us |\n",
        queued.p50, queued.p99);
    if (applied) {
        std::printf(
            "| request -> applied, seen in /state (40 x POST /select, viewer 1280x720 "
            "under Xvfb) | %.1f ms | %.1f ms |\n",
            applied->p50, applied->p99);
        std::printf("| ratio applied / queued | %.0fx | %.0fx |\n",
                    applied->p50 * 1000.0 / queued.p50, applied->p99 * 1000.0 / queued.p99);
    } else {
        std::printf("| request -> applied | (needs DISPLAY: run under xvfb-run) | |\n");
    }
}

}  // namespace

int main() {
    std::printf("bench_tour_export_remote (issue 7): lavapipe, LP_NUM_THREADS=%s\n",
                std::getenv("LP_NUM_THREADS") ? std::getenv("LP_NUM_THREADS") : "(unset)");
    framePacing();
    exportThroughput();
    remoteLatency();
    return 0;
}
