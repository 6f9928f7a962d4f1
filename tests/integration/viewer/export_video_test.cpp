// `parktwin export` end to end: a short tour rendered headless into an H.264 file that ffprobe
// reads back with the right duration, frame count, size and pixel format; the tour's actions
// show in the frames; a missing encoder is a clear error.
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "core/file_io.h"
#include "core/image_io.h"
#include "run_command.h"
#include "test_paths.h"

namespace {

// Two keyframes: 0.5 s at the first, 1 s of flight, 0.5 s at the second, whose arrival turns
// the park to night. 2 s in all.
constexpr const char* kTour = R"({
  "format": "parktwin-tour", "version": 1, "name": "export-test", "loop": false,
  "keyframes": [
    {"eye": [430, 390, 520], "target": [50, 20, 10], "fov": 45,
     "dwellSeconds": 0.5, "travelSeconds": 1},
    {"eye": [270, 160, -215], "target": [165, 70, -80], "fov": 50,
     "dwellSeconds": 0.5, "travelSeconds": 1,
     "actions": [{"type": "timeOfDay", "time": "21:30"}, {"type": "select", "entity": "gm/A4"}]}
  ]
})";

double meanLuma(const pt::RgbaImage& image) {
    double sum = 0;
    for (size_t i = 0; i < image.pixels.size(); i += 4)
        sum +=
            0.2126 * image.pixels[i] + 0.7152 * image.pixels[i + 1] + 0.0722 * image.pixels[i + 2];
    return sum / double(image.pixels.size() / 4);
}

pt::RgbaImage frameAt(const std::filesystem::path& video, double seconds,
                      const std::filesystem::path& png) {
    const pt::test::CommandRun r =
        pt::test::runCommand("/usr/bin/ffmpeg -v error -y -ss " + std::to_string(seconds) + " -i " +
                             video.string() + " -frames:v 1 " + png.string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    auto image = pt::readPng(png);
    REQUIRE(image.ok());
    return std::move(*image);
}

}  // namespace

TEST_CASE("A tour exports to an H.264 video with the tour's length, frames and size",
          "[export][video]") {
    const auto dir = pt::test::scratchDir("export_video");
    REQUIRE(pt::writeFileAtomic(dir / "tour.json", std::string_view(kTour)).ok());
    const auto video = dir / "tour.mp4";
    const pt::test::CommandRun exported = pt::test::runCommand(
        std::string(PT_TEST_PARKTWIN_EXE) + " export --tour " + (dir / "tour.json").string() +
        " --size 192x108 --fps 10 --samples 1 --data none --validate --out " + video.string());
    INFO(exported.output);
    REQUIRE(exported.exitCode == 0);
    CHECK(exported.output.find("validation errors: 0") != std::string::npos);
    CHECK(exported.output.find("20/20 100%") != std::string::npos);  // the progress bar's end
    CHECK(exported.output.find("ETA") != std::string::npos);

    const pt::test::CommandRun probe = pt::test::runCommand(
        "/usr/bin/ffprobe -v error -count_frames -select_streams v:0 "
        "-show_entries stream=codec_name,width,height,pix_fmt,nb_read_frames,"
        "duration -of json " +
        video.string());
    INFO(probe.output);
    REQUIRE(probe.exitCode == 0);
    const auto streams = nlohmann::json::parse(probe.output)["streams"];
    REQUIRE(streams.size() == 1);
    const auto& s = streams[0];
    CHECK(s["codec_name"] == "h264");
    CHECK(s["pix_fmt"] == "yuv420p");
    CHECK(s["width"] == 192);
    CHECK(s["height"] == 108);
    CHECK(s["nb_read_frames"] == "20");  // 2 s at 10 frames/s
    CHECK(std::stod(s["duration"].get<std::string>()) == Approx(2.0).margin(0.051));

    // The second keyframe's time-of-day action makes the end of the video a night scene.
    const double day = meanLuma(frameAt(video, 0.0, dir / "first.png"));
    const double night = meanLuma(frameAt(video, 1.9, dir / "last.png"));
    INFO("mean luma: first frame " << day << ", last frame " << night);
    CHECK(night < 0.6 * day);
}

TEST_CASE("Export says clearly when ffmpeg is missing", "[export]") {
    const auto dir = pt::test::scratchDir("export_no_ffmpeg");
    REQUIRE(pt::writeFileAtomic(dir / "tour.json", std::string_view(kTour)).ok());
    const pt::test::CommandRun r = pt::test::runCommand(
        std::string(PT_TEST_PARKTWIN_EXE) + " export --tour " + (dir / "tour.json").string() +
        " --size 64x64 --data none --ffmpeg " + (dir / "no-such-ffmpeg").string() + " --out " +
        (dir / "out.mp4").string());
    INFO(r.output);
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("ffmpeg not found at " + (dir / "no-such-ffmpeg").string()) !=
          std::string::npos);
    CHECK(r.output.find("install the Debian package ffmpeg") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out.mp4"));
}

TEST_CASE("Export reports ffmpeg's own error when encoding fails", "[export]") {
    const auto dir = pt::test::scratchDir("export_ffmpeg_fails");
    REQUIRE(pt::writeFileAtomic(dir / "tour.json", std::string_view(kTour)).ok());
    const auto out = dir / "no-such-folder" / "out.mp4";  // ffmpeg cannot create it
    const pt::test::CommandRun r = pt::test::runCommand(
        std::string(PT_TEST_PARKTWIN_EXE) + " export --tour " + (dir / "tour.json").string() +
        " --size 64x64 --samples 1 --data none --out " + out.string());
    INFO(r.output);
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("parktwin export: ffmpeg") != std::string::npos);
    CHECK(r.output.find(out.string()) != std::string::npos);  // ffmpeg's message names the file
}

TEST_CASE("Export rejects odd sizes and a missing tour before rendering", "[export]") {
    const pt::test::CommandRun odd = pt::test::runCommand(
        std::string(PT_TEST_PARKTWIN_EXE) + " export --tour x.json --size 191x108 --out x.mp4");
    CHECK(odd.exitCode == 2);
    CHECK(odd.output.find("must be even") != std::string::npos);
    const pt::test::CommandRun missing =
        pt::test::runCommand(std::string(PT_TEST_PARKTWIN_EXE) + " export --out x.mp4");
    CHECK(missing.exitCode == 2);
    CHECK(missing.output.find("export: --tour FILE is required") != std::string::npos);
}
