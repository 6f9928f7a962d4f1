#include "test_paths.h"

#include <cstdio>
#include <cstdlib>

namespace pt::test {

std::filesystem::path sourceDir() {
    return PT_TEST_SOURCE_DIR;
}

std::filesystem::path sharedDataOrSkip() {
    const std::filesystem::path dir = PT_TEST_SHARED_DATA_DIR;
    if (!std::filesystem::is_directory(dir / "models")) {
        std::fprintf(stderr, "SKIPPED: shared test data not found at %s\n", dir.c_str());
        std::exit(kSkipExitCode);
    }
    return dir;
}

std::filesystem::path scratchDir(const char* name) {
    const std::filesystem::path dir = std::filesystem::path(PT_TEST_BINARY_DIR) / "scratch" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace pt::test
