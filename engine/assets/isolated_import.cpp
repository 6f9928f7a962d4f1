#include "assets/isolated_import.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "assets/model_serialization.h"

namespace pt::assets {
namespace {

using Clock = std::chrono::steady_clock;

// The child's message: one status byte (0 = model, 1 = error text), then the payload.
constexpr uint8_t kStatusModel = 0;
constexpr uint8_t kStatusError = 1;
// Upper bound on what we accept from the child; a larger "model" is treated as malformed.
constexpr size_t kMaxMessageBytes = size_t(4) << 30;

bool writeAll(int fd, const void* data, size_t size) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= size_t(n);
    }
    return true;
}

[[noreturn]] void childMain(int fd, const std::function<Result<ImportedModel>()>& work) {
    // Crash as a crash: the parent's handlers (Catch2's, the sanitizers' SEGV handler) are
    // inherited across fork and would turn a signal into an exit code or a second report.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        ::signal(sig, SIG_DFL);
    Result<ImportedModel> result = work();
    std::vector<std::byte> payload;
    uint8_t status = kStatusModel;
    if (result) {
        payload = serializeModel(*result);
    } else {
        status = kStatusError;
        const std::string& text = result.error().message;
        payload.assign(reinterpret_cast<const std::byte*>(text.data()),
                       reinterpret_cast<const std::byte*>(text.data() + text.size()));
    }
    const uint64_t size = payload.size();
    const bool ok = writeAll(fd, &status, 1) && writeAll(fd, &size, sizeof size) &&
                    writeAll(fd, payload.data(), payload.size());
    // _exit: no atexit handlers, static destructors or leak checks of the parent's state.
    ::_exit(ok ? 0 : 3);
}

enum class ReadOutcome { Done, TimedOut, TooLarge };

// Reads until the child closes its end, the deadline passes or the message is too large.
ReadOutcome readUntilClosed(int fd, Clock::time_point deadline, std::vector<std::byte>& out) {
    std::byte buffer[1 << 16];
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return ReadOutcome::TimedOut;
        pollfd pfd{fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, int(std::min<int64_t>(left.count(), 1000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return ReadOutcome::Done;
        if (out.size() + size_t(n) > kMaxMessageBytes) return ReadOutcome::TooLarge;
        out.insert(out.end(), buffer, buffer + n);
    }
}

// Waits for the child to exit; kills it once the deadline has passed.
int reapChild(pid_t pid, Clock::time_point deadline, bool& killed) {
    int status = 0;
    for (;;) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR)) return status;
        if (Clock::now() >= deadline && !killed) {
            ::kill(pid, SIGKILL);
            killed = true;
            ::waitpid(pid, &status, 0);
            return status;
        }
        ::usleep(2000);
    }
}

Result<ImportedModel> decodeMessage(const std::vector<std::byte>& message, int status,
                                    std::string_view label) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        return makeError(label, ": importer crashed (signal ", sig, ": ", ::strsignal(sig), ")");
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    constexpr size_t kHeader = 1 + sizeof(uint64_t);
    uint64_t size = 0;
    if (message.size() >= kHeader) std::memcpy(&size, message.data() + 1, sizeof size);
    if (code != 0 || message.size() < kHeader || size != message.size() - kHeader) {
        return makeError(label, ": importer failed (exit code ", code, ", ", message.size(),
                         " bytes of result)");
    }
    const std::span<const std::byte> payload(message.data() + kHeader, size_t(size));
    if (uint8_t(message[0]) == kStatusError) {
        return Error{std::string(reinterpret_cast<const char*>(payload.data()), payload.size())};
    }
    if (uint8_t(message[0]) != kStatusModel) {
        return makeError(label, ": importer returned malformed data (bad status byte)");
    }
    return deserializeModel(payload, label);
}

}  // namespace

Result<ImportedModel> runIsolated(const std::function<Result<ImportedModel>()>& work,
                                  std::string_view label, std::chrono::milliseconds timeout) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return makeError(label, ": cannot start importer (pipe: ", std::strerror(errno), ")");
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]), ::close(fds[1]);
        return makeError(label, ": cannot start importer (fork: ", std::strerror(errno), ")");
    }
    if (pid == 0) {
        ::close(fds[0]);
        childMain(fds[1], work);
    }
    ::close(fds[1]);
    const Clock::time_point deadline = Clock::now() + timeout;
    std::vector<std::byte> message;
    const ReadOutcome outcome = readUntilClosed(fds[0], deadline, message);
    ::close(fds[0]);
    bool killed = false;
    if (outcome != ReadOutcome::Done) {
        ::kill(pid, SIGKILL);
        killed = true;
    }
    const int status = reapChild(pid, deadline, killed);
    if (outcome == ReadOutcome::TooLarge) {
        return makeError(label, ": importer result larger than ", kMaxMessageBytes >> 30, " GiB");
    }
    if (outcome == ReadOutcome::TimedOut || (killed && WIFSIGNALED(status))) {
        const auto seconds = std::chrono::duration<double>(timeout).count();
        return makeError(label, ": importer timed out after ", seconds, " s");
    }
    return decodeMessage(message, status, label);
}

Result<ImportedModel> importModelIsolated(const std::filesystem::path& path,
                                          const ImportOptions& options) {
    return runIsolated([&] { return importModel(path, options); }, path.filename().string(),
                       std::chrono::seconds(std::max(1, options.timeoutSeconds)));
}

}  // namespace pt::assets
