#include "broker.h"

#include "loopback.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "test_paths.h"

namespace pt::test {

bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return condition();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

Broker::Broker(const char* scratchName, const BrokerConfig& brokerConfig)
    : m_dir(scratchDir(scratchName)) {
    m_port = freeLoopbackPort();
    std::ofstream config(m_dir / "mosquitto.conf");
    config << "listener " << m_port << " 127.0.0.1\n"
           << "allow_anonymous " << (brokerConfig.allowAnonymous ? "true" : "false") << "\n"
           << "persistence false\n"
           << "max_queued_messages 100000\n"
           << "log_dest stdout\n"
           << brokerConfig.extraConfig;
}

Broker::~Broker() {
    kill();
}

bool Broker::start() {
    kill();
    const std::string conf = (m_dir / "mosquitto.conf").string();
    const std::string logPath = (m_dir / "mosquitto.log").string();
    m_pid = ::fork();
    if (m_pid == 0) {
        FILE* out = std::freopen(logPath.c_str(), "a", stdout);
        (void)out;
        ::dup2(STDOUT_FILENO, STDERR_FILENO);
        ::execl(kMosquittoExe, kMosquittoExe, "-c", conf.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return waitFor([&] { return acceptsConnections(m_port); }, std::chrono::seconds(10));
}

void Broker::kill() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

std::string Broker::log() const {
    std::ifstream in(m_dir / "mosquitto.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace pt::test
