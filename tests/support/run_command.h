#pragma once
// Running a command line from a test and collecting what it printed: the shell runs it with
// stderr joined to stdout. Header-only; runParktwin runs this build's `parktwin`.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace pt::test {

struct CommandRun {
    int exitCode = -1;  // 128 + signal when killed
    std::string output;
};

inline CommandRun runCommand(const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe);
    CommandRun r;
    std::array<char, 4096> buffer;
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
        r.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

inline CommandRun runParktwin(const std::string& args) {
    return runCommand(std::string(PT_TEST_PARKTWIN_EXE) + " " + args);
}

}  // namespace pt::test
