// The operator UI captured by `parktwin --screenshot` under Xvfb, in English and in Chinese:
// every panel is drawn where the layout puts it, carries text, the language changes the text,
// and the font has a glyph for every character the UI and the park's names use.
#include "ui_test_support.h"

using namespace pt;
using test::Rect;

namespace {

constexpr uint32_t kWidth = 1280, kHeight = 720;

// Regions inside each panel at 1280x720 (the layout anchors them to the window's corners).
struct Panel {
    const char* name;
    Rect body;
};
const Panel kPanels[] = {
    {"portfolio tree", {24, 60, 340, 300}},
    {"selection", {kWidth - 320, 40, kWidth - 24, 150}},
    {"key figures", {24, kHeight - 200, 300, kHeight - 30}},
    // The alert panel's filter row (level, text filter, Ack all): there whatever the alerts.
    {"alerts", {kWidth - 500, 334, kWidth - 30, 356}},
    {"layers", {kWidth - 200, kHeight - 150, kWidth - 24, kHeight - 30}},
    {"time bar", {kWidth / 2 - 150, kHeight - 40, kWidth / 2 + 150, kHeight - 16}},
};
// The portfolio panel's title bar: only its title, "Portfolio" or "资产目录".
constexpr Rect kPortfolioTitle{16, 14, 200, 30};

RgbaImage screenshot(const std::string& lang) {
    const auto dir = test::scratchDir(("ui_screenshot_" + lang).c_str());
    const auto shot = dir / ("ui-" + lang + ".png");
    const test::CommandRun r =
        test::runParktwin("--size 1280x720 --frames 25 --select gm/A1/F3/U305 --lang " + lang +
                          " --screenshot " + shot.string());
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    // ui_fonts checks every character of the UI text and the park's names against the atlas.
    CHECK(r.output.find("has no glyph") == std::string::npos);
    auto image = readPng(shot);
    REQUIRE(image.ok());
    REQUIRE(image->width == kWidth);
    REQUIRE(image->height == kHeight);
    return std::move(*image);
}

}  // namespace

TEST_CASE("UI screenshots in English and Chinese show every panel with text", "[ui][window]") {
    test::requireDisplayOrSkip();
    const RgbaImage en = screenshot("en");
    const RgbaImage zh = screenshot("zh");
    for (const auto& [lang, image] : {std::pair{"en", &en}, std::pair{"zh", &zh}}) {
        for (const Panel& panel : kPanels) {
            INFO(lang << ": " << panel.name);
            // A panel is a dark, mostly opaque window over the light sky and ground...
            CHECK(test::meanLuminance(*image, panel.body) < 90);
            // ...with text on it.
            CHECK(test::textFraction(*image, panel.body) > 0.01);
        }
        CHECK(test::textFraction(*image, kPortfolioTitle) > 0.02);
    }
    // The title says the same thing in two scripts: its pixels must differ.
    CHECK(test::differingPixels(en, zh, kPortfolioTitle) > 150);
    // And the panels as a whole read differently (labels, buttons, units).
    uint64_t differing = 0, total = 0;
    for (const Panel& panel : kPanels) {
        differing += test::differingPixels(en, zh, panel.body);
        total += uint64_t(panel.body.x1 - panel.body.x0) * (panel.body.y1 - panel.body.y0);
    }
    CHECK(double(differing) / double(total) > 0.03);
}
