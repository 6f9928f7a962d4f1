#pragma once
// A one-line progress display on stderr for `info` and `render` ("loading 3/19  A3.glb").
#include <cstdio>

#include "twin/park_scene.h"

namespace pt::viewer {

inline twin::ProgressCallback terminalProgress() {
    return [](const twin::LoadProgress& p) {
        if (p.total == 0) return;
        if (p.done < p.total) {
            std::fprintf(stderr, "\rloading %zu/%zu  %-40s", p.done + 1, p.total,
                         p.currentFile.c_str());
        } else {
            std::fprintf(stderr, "\rloaded %zu models%-40s\n", p.total, "");
        }
        std::fflush(stderr);
    };
}

}  // namespace pt::viewer
