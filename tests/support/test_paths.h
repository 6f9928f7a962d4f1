#pragma once
// Where tests find the project's sources, the real shared test data and their scratch space.
#include <filesystem>

namespace pt::test {

// Exit code that ctest reads as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt).
inline constexpr int kSkipExitCode = 4;

std::filesystem::path sourceDir();
// ../shared/data beside the checkout. If it is absent, prints why and exits with kSkipExitCode,
// so the test is reported as skipped, never as a silent pass.
std::filesystem::path sharedDataOrSkip();
// A fresh, empty folder under the build tree for this test's files.
std::filesystem::path scratchDir(const char* name);

}  // namespace pt::test
