#pragma once
// UI text in the two languages the product ships (English, simplified Chinese). Every string is
// written at its use site in both languages, so nothing can be left untranslated.
namespace pt::viewer {

inline const char* tr(bool chinese, const char* english, const char* zh) {
    return chinese ? zh : english;
}

}  // namespace pt::viewer
