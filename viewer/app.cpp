#include "viewer/app.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <chrono>
#include <cstdio>

#include "core/image_io.h"
#include "core/log.h"
#include "render/render_context.h"
#include "render/renderer.h"
#include "render/swapchain_target.h"
#include "viewer/imgui_renderer.h"
#include "viewer/scene_source.h"
#include "viewer/ui_fonts.h"
#include "viewer/ui_overlay.h"

namespace pt::viewer {
namespace {

struct InputState {
    double scroll = 0;
};

void onScroll(GLFWwindow* window, double, double dy) {
    static_cast<InputState*>(glfwGetWindowUserPointer(window))->scroll += dy;
}

// Mouse navigation unless ImGui wants the mouse: left-drag orbits, right/middle-drag pans.
void applyMouse(GLFWwindow* window, InputState& input, render::OrbitController& orbit,
                double& lastX, double& lastY, float viewportHeight, float fov) {
    double x, y;
    glfwGetCursorPos(window, &x, &y);
    const float dx = float(x - lastX), dy = float(y - lastY);
    lastX = x;
    lastY = y;
    if (ImGui::GetIO().WantCaptureMouse) {
        input.scroll = 0;
        return;
    }
    if (glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS) orbit.orbit(dx, dy);
    if (glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS ||
        glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS)
        orbit.pan(dx, dy, viewportHeight, fov);
    if (input.scroll != 0) orbit.zoom(float(input.scroll));
    input.scroll = 0;
}

// Drives the window through resizes and a minimise/restore, one step every few frames, so
// tests cover swapchain rebuilds. Returns true while steps remain.
bool exerciseWindow(GLFWwindow* window, uint32_t frame) {
    switch (frame) {
        case 2:
            glfwSetWindowSize(window, 640, 360);
            break;
        case 4:
            glfwIconifyWindow(window);
            break;
        case 6:
            glfwRestoreWindow(window);
            break;
        case 8:
            glfwSetWindowSize(window, 900, 600);
            break;
        default:
            break;
    }
    return frame < 10;
}

class GlfwSession {
public:
    GlfwSession() : m_ok(glfwInit() == GLFW_TRUE) {}
    ~GlfwSession() {
        if (m_ok) glfwTerminate();
    }
    bool ok() const { return m_ok; }

private:
    bool m_ok;
};

}  // namespace

int runViewer(const Options& options) {
    glfwSetErrorCallback(
        [](int code, const char* text) { log::warn("GLFW error ", code, ": ", text); });
    GlfwSession glfw;
    if (!glfw.ok()) {
        std::fprintf(stderr,
                     "parktwin: cannot open a window (no display?); use `parktwin render` "
                     "for headless images\n");
        return 2;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    GLFWwindow* window =
        glfwCreateWindow(int(options.width), int(options.height), "ParkTwin", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "parktwin: cannot create a window\n");
        return 2;
    }
    InputState input;
    glfwSetWindowUserPointer(window, &input);
    glfwSetScrollCallback(window, onScroll);

    auto ctx = render::RenderContext::create(
        {.validation = options.validate, .window = window, .deviceFilter = options.device});
    if (!ctx) {
        std::fprintf(stderr, "parktwin: %s\n", ctx.error().message.c_str());
        glfwDestroyWindow(window);
        return 2;
    }
    render::RenderContext& rc = **ctx;
    int exitCode = 0;
    uint32_t swapchainBuilds = 0;
    {
        // Declared in creation order; destroyed in reverse before the context.
        render::SwapchainTarget target(*rc.device, window, rc.surface, options.vsync);
        render::GpuScene scene(*rc.device);
        auto loaded = loadScene(options.scene, scene);
        if (!loaded) {
            std::fprintf(stderr, "parktwin: %s\n", loaded.error().message.c_str());
            glfwDestroyWindow(window);
            return 2;
        }
        render::Renderer renderer(*rc.device, {.samples = VkSampleCountFlagBits(options.samples)});
        render::Camera lens = loaded->camera;
        if (options.camera) {
            lens.eye = options.camera->eye;
            lens.target = options.camera->target;
        }
        render::OrbitController orbit = render::OrbitController::lookingAt(lens.eye, lens.target);

        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini litter in the working directory
        ImGui::StyleColorsDark();
        loadUiFonts(17.0f);
        ImGui_ImplGlfw_InitForVulkan(window, true);
        {
            ImGuiRenderer ui(*rc.device, VK_FORMAT_B8G8R8A8_SRGB);
            FrameTimeOverlay overlay;
            double lastX = 0, lastY = 0;
            glfwGetCursorPos(window, &lastX, &lastY);
            auto last = std::chrono::steady_clock::now();
            uint32_t framesDrawn = 0;
            while (!glfwWindowShouldClose(window)) {
                glfwPollEvents();
                int fbw = 0, fbh = 0;
                glfwGetFramebufferSize(window, &fbw, &fbh);
                if (fbw == 0 || fbh == 0) {  // minimised: draw nothing, sleep until an event
                    glfwWaitEventsTimeout(0.1);
                    continue;
                }
                const auto now = std::chrono::steady_clock::now();
                overlay.addFrameTime(std::chrono::duration<float, std::milli>(now - last).count());
                last = now;

                ImGui_ImplGlfw_NewFrame();
                ImGui::NewFrame();
                applyMouse(window, input, orbit, lastX, lastY, float(fbh), lens.fovYDegrees);
                gfx::FrameData& frame = rc.frames->beginFrame();
                overlay.draw({.deviceName = rc.device->name(),
                              .sceneTitle = loaded->title,
                              .instances = renderer.lastStats().drawnInstances,
                              .triangles = renderer.lastStats().drawnTriangles,
                              .validationErrors = rc.instance.validation().errors.load(),
                              .validation = rc.instance.validationEnabled(),
                              .gpuPasses = frame.timer.results()});
                ImGui::Render();
                const bool lastFrame = options.frames > 0 && framesDrawn + 1 >= options.frames;
                if (!target.acquire(frame)) {
                    rc.frames->submit(frame);  // keeps the slot's fence cycling
                    continue;
                }
                if (lastFrame && !options.screenshot.empty()) target.captureNextFrame();
                renderer.render(frame, scene, render::RenderView{.camera = orbit.camera(lens)},
                                target.image());
                ui.render(frame, ImGui::GetDrawData(), target.image());
                rc.frames->submit(frame, target.finish(frame));
                target.present(frame);
                ++framesDrawn;
                if (options.exerciseWindow) exerciseWindow(window, framesDrawn);
                if (target.captureRecorded()) {
                    const RgbaImage shot = target.takeCapture(*rc.frames, frame);
                    if (auto written = writePng(options.screenshot, shot); !written) {
                        std::fprintf(stderr, "parktwin: %s\n", written.error().message.c_str());
                        exitCode = 2;
                    } else {
                        std::printf("parktwin: screenshot %ux%u -> %s\n", shot.width, shot.height,
                                    options.screenshot.c_str());
                    }
                }
                if (lastFrame) glfwSetWindowShouldClose(window, GLFW_TRUE);
            }
            rc.device->waitIdle();
            swapchainBuilds = target.rebuildCount();
        }
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    rc.device->waitIdle();
    if (options.validate) {
        const uint32_t errors = rc.instance.validation().errors.load();
        std::printf("parktwin: validation errors: %u, swapchain builds: %u\n", errors,
                    swapchainBuilds);
        if (errors > 0) exitCode = 3;
    }
    ctx->reset();
    glfwDestroyWindow(window);
    return exitCode;
}

}  // namespace pt::viewer
