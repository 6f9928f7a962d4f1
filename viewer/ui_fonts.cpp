#include "viewer/ui_fonts.h"

#include <imgui.h>

#include <cstdint>
#include <filesystem>
#include <set>

#include "core/log.h"
#include "viewer/ui_glyphs.h"

namespace pt::viewer {
namespace {

constexpr const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr int kSimplifiedChineseFace = 2;  // face order in the TTC: JP, KR, SC, TC, HK

// Decodes one UTF-8 sequence at text[i] (advancing i); malformed bytes decode as U+FFFD.
unsigned decodeUtf8(const std::string& text, size_t& i) {
    const auto byte = [&](size_t k) { return k < text.size() ? unsigned(uint8_t(text[k])) : 0u; };
    const unsigned b0 = byte(i);
    const int length = b0 < 0x80           ? 1
                       : (b0 >> 5) == 0x6  ? 2
                       : (b0 >> 4) == 0xe  ? 3
                       : (b0 >> 3) == 0x1e ? 4
                                           : 0;
    if (length == 0) {
        ++i;
        return 0xfffd;
    }
    unsigned c = length == 1 ? b0 : b0 & (0xff >> (length + 1));
    for (int k = 1; k < length; ++k) {
        const unsigned b = byte(i + size_t(k));
        if ((b & 0xc0) != 0x80) {
            ++i;
            return 0xfffd;
        }
        c = (c << 6) | (b & 0x3f);
    }
    i += size_t(length);
    return c;
}

void appendUtf8(std::string& out, unsigned c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xc0 | (c >> 6));
        out += char(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        out += char(0xe0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3f));
        out += char(0x80 | (c & 0x3f));
    } else {
        out += char(0xf0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3f));
        out += char(0x80 | ((c >> 6) & 0x3f));
        out += char(0x80 | (c & 0x3f));
    }
}

}  // namespace

std::string missingUiGlyphs(const std::string& extraText) {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty()) return {};
    const ImFont* font = atlas->Fonts[0];
    std::string text = kUiGlyphs + extraText;
    for (char c = ' '; c <= '~'; ++c)
        text += c;
    std::set<unsigned> seen;
    std::string missing;
    for (size_t i = 0; i < text.size();) {
        const unsigned c = decodeUtf8(text, i);
        // Whitespace and controls draw nothing; ImGui's font holds only the Basic Plane.
        if (c <= ' ' || c == 0x3000 || c > 0xffff || !seen.insert(c).second) continue;
        if (!font->FindGlyphNoFallback(ImWchar(c))) appendUtf8(missing, c);
    }
    return missing;
}

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
