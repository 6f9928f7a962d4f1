#pragma once
// Loads the UI font: Noto Sans CJK SC (Debian's fonts-noto-cjk) with Latin and the common
// simplified Chinese glyphs, so tenant names and Chinese labels render. Falls back to ImGui's
// built-in font (Latin only) with a warning if the font file is missing.
#include <string>

namespace pt::viewer {

// Call once after ImGui::CreateContext and before the font atlas is built. `pixels` is the
// font size; returns false when the fallback was used.
// `extraText` adds every character it contains (tenant and place names beyond the common set).
bool loadUiFonts(float pixels, const std::string& extraText = {});

// The characters of the viewer's own UI text, printable ASCII and `extraText` that the built
// font atlas cannot draw (ImGui would show its fallback '?'), each once, in UTF-8. Call after
// the atlas is built (ImGuiRenderer::rebuildFontAtlas); empty means every glyph is there.
std::string missingUiGlyphs(const std::string& extraText = {});

}  // namespace pt::viewer
