// Pins the label layout (engine/twin/label_layout, drawn by viewer/labels_overlay.cpp): the
// windowed viewer under Xvfb with a fixed view, time of day and size, no live data and the
// panels hidden, so the picture holds only the 3D view and its labels: floor labels of the
// selected building, unit labels (tenants as given, vacant units in the UI language) of the
// selected floor, decluttered. Compared with tests/golden/label_layout_floor.png like every
// golden (5/255 per channel, at most 0.1 % of the pixels over it).
#include "ui_test_support.h"

using namespace pt;

TEST_CASE("the label layout of a cut-away floor matches its golden", "[labels][window]") {
    test::requireDisplayOrSkip();
    const std::string name = "label_layout_floor";
    const auto dir = test::scratchDir("label_layout_golden");
    const auto shot = dir / (name + ".png");
    const test::CommandRun r = test::runParktwin(
        "--size 640x400 --frames 8 --data none --no-panels --lang zh --select ls/B2/F4 "
        "--view floor --floor-mode cutaway --time-of-day 10:00 --screenshot " +
        shot.string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    auto actual = readPng(shot);
    REQUIRE(actual.ok());

    const auto outDir = std::filesystem::path(PT_TEST_BINARY_DIR) / "test-output";
    std::filesystem::create_directories(outDir);
    const auto actualPath = outDir / (name + ".actual.png");
    std::filesystem::copy_file(shot, actualPath, std::filesystem::copy_options::overwrite_existing);
    const auto golden = test::sourceDir() / "tests" / "golden" / (name + ".png");
    auto expected = readPng(golden);
    if (!expected)
        FAIL("no golden " << golden.string() << ": look at " << actualPath.string()
                          << " and accept it with scripts/accept-goldens " << name);
    const ImageDiff diff = compareImages(*actual, *expected, 5);
    REQUIRE(diff.sizeMatches);
    const double fraction = double(diff.pixelsOverTolerance) / double(diff.pixelCount);
    if (fraction > 0.001) {
        const auto diffPath = outDir / (name + ".diff.png");
        (void)writePng(diffPath, diff.visual);
        FAIL(name << ": " << diff.pixelsOverTolerance << " of " << diff.pixelCount
                  << " pixels differ by more than 5/255 (max " << diff.maxChannelDelta << "); see "
                  << diffPath.string());
    }
    SUCCEED(name << ": " << diff.pixelsOverTolerance << " pixels over tolerance");
}
