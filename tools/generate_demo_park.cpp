// generate_demo_park --seed N --out DIR: writes the demo park's manifest.json and GLB models.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "demo_park_writer.h"

namespace {

int usage() {
    std::fprintf(stderr, "usage: generate_demo_park [--seed N] --out DIR\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = 1;
    std::string out;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--seed" && i + 1 < argc) {
            char* end = nullptr;
            seed = std::strtoull(argv[++i], &end, 10);
            if (!end || *end != '\0') return usage();
        } else if (arg == "--out" && i + 1 < argc) {
            out = argv[++i];
        } else {
            return usage();
        }
    }
    if (out.empty()) return usage();
    auto stats = pt::tools::writeDemoPark(seed, out);
    if (!stats) {
        std::fprintf(stderr, "generate_demo_park: %s\n", stats.error().message.c_str());
        return 1;
    }
    std::printf("demo park (seed %llu): %zu GLB files, %zu triangles -> %s\n",
                static_cast<unsigned long long>(seed), stats->glbFiles, stats->triangles,
                out.c_str());
    return 0;
}
