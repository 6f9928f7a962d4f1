#include "viewer/ui_fonts.h"

#include <imgui.h>

#include <filesystem>

#include "core/log.h"
#include "viewer/ui_glyphs.h"

namespace pt::viewer {
namespace {

constexpr const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr int kSimplifiedChineseFace = 2;  // face order in the TTC: JP, KR, SC, TC, HK

}  // namespace

bool loadUiFonts(float pixels, const std::string& extraText) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (!std::filesystem::exists(kCjkFont)) {
        log::warn(kCjkFont, " not found (install fonts-noto-cjk): Chinese text will show as '?'");
        io.Fonts->AddFontDefault();
        return false;
    }
    ImFontConfig config;
    config.FontNo = kSimplifiedChineseFace;
    config.OversampleH = 1;  // CJK glyphs are dense: 1x keeps the atlas small and text sharp
    config.OversampleV = 1;
    config.PixelSnapH = true;
    // Latin, general punctuation and the ~2,500 most common simplified characters, plus the
    // symbols the UI uses (degree, square metres, arrows).
    // The atlas keeps a pointer to the ranges until it is rebuilt: keep them alive.
    static ImVector<ImWchar> ranges;
    ranges.clear();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    builder.AddText(kUiGlyphs);  // every character of the translated UI text
    if (!extraText.empty()) builder.AddText(extraText.c_str());
    builder.BuildRanges(&ranges);
    io.Fonts->AddFontFromFileTTF(kCjkFont, pixels, &config, ranges.Data);
    return true;
}

}  // namespace pt::viewer
