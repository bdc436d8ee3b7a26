#include "drivers/emulators/payment/tpe_tcp_server.hpp"

#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "drivers/emulators/loopback/loopback_listener.hpp"
#include "drivers/payment/caisse_ap_message.hpp"

namespace guichet::emu {

using Clock = std::chrono::steady_clock;

Result<std::unique_ptr<TpeTcpServer>> TpeTcpServer::start(TpeEmulator& emulator, int port) {
    auto l = listenOnLoopback("tpe emulator", port, 4);
    if (!l) return l.error();
    std::unique_ptr<TpeTcpServer> s(new TpeTcpServer(emulator, l->listenFd, l->port, l->wakeRead, l->wakeWrite));
    s->thread_ = std::thread([p = s.get()] { p->run(); });
    // Named, so that an idle terminal's per-thread CPU shows this one asleep (issue 17).
    pthread_setname_np(s->thread_.native_handle(), "tpe-emulator");
    return s;
}

TpeTcpServer::TpeTcpServer(TpeEmulator& emulator, int listenFd, int port, int wakeRead, int wakeWrite)
    : emulator_(emulator), listenFd_(listenFd), port_(port), wakeRead_(wakeRead), wakeWrite_(wakeWrite) {}

TpeTcpServer::~TpeTcpServer() { stop(); }

void TpeTcpServer::stop() {
    if (stopping_.exchange(true)) return;
    LoopbackListener l{listenFd_, port_, wakeRead_, wakeWrite_};
    l.wake();
    if (thread_.joinable()) thread_.join();
    l.close();
}

void TpeTcpServer::run() {
    while (!stopping_.load()) {
        pollfd p[2] = {{listenFd_, POLLIN, 0}, {wakeRead_, POLLIN, 0}};
        if (::poll(p, 2, -1) < 0) continue;
        if (p[1].revents) break;
        int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        serve(fd);
        ::close(fd);
    }
}

// Sleeps, but wakes at once on stop() or when the register closes its end (returns false).
bool TpeTcpServer::sleepUnlessStopped(std::chrono::milliseconds d, int clientFd) {
    const auto deadline = Clock::now() + d;
    while (!stopping_.load()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return true;
        pollfd p[2] = {{wakeRead_, POLLIN, 0}, {clientFd, POLLIN, 0}};
        if (::poll(p, 2, static_cast<int>(left)) > 0) {
            if (p[0].revents) return false;
            char c;
            if (p[1].revents && ::recv(clientFd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0) return false;  // closed
        }
    }
    return false;
}

void TpeTcpServer::serve(int fd) {
    // Read until the request parses as complete fields with the mandatory ones, or a quiet
    // 200 ms after something complete (a request with missing fields gets AF 09).
    std::string request;
    char buf[1024];
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    for (;;) {
        const auto scan = payment::scanFields(request);
        const bool complete = !request.empty() && scan.state == payment::ScanState::Complete;
        if (scan.state == payment::ScanState::Malformed) break;
        pollfd p[2] = {{fd, POLLIN, 0}, {wakeRead_, POLLIN, 0}};
        const int rc = ::poll(p, 2, complete ? 200 : 100);
        if (p[1].revents || stopping_.load()) return;
        if (rc == 0) {
            if (complete) break;
            if (Clock::now() > deadline) return;
            continue;
        }
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return;
        request.append(buf, static_cast<std::size_t>(n));
        auto m = payment::decode(request);
        if (m && m->has("CE") && m->has("CB") && m->has("CD")) break;
    }
    const TpeScript script = emulator_.script();
    const std::string answer = emulator_.answerRaw(request);
    const bool immediate = answer.find("AE00211") != std::string::npos || answer.find("AF00209") != std::string::npos;
    if (!immediate && !sleepUnlessStopped(script.delay, fd)) return;
    switch (script.behaviour) {
        case TpeBehaviour::Silent:
            if (!immediate) {
                sleepUnlessStopped(std::chrono::hours(1), fd);
                return;
            }
            break;
        case TpeBehaviour::CloseBeforeAnswer:
            if (!immediate) return;
            break;
        case TpeBehaviour::CloseMidAnswer:
            if (!immediate) {
                (void)!::send(fd, answer.data(), answer.size() / 2, MSG_NOSIGNAL);
                return;
            }
            break;
        default: break;
    }
    (void)!::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL);
    if (onAnswered_) onAnswered_(answer);
    // Wait for the register to close (lets it read everything), at most 2 s.
    sleepUnlessStopped(std::chrono::seconds(2), fd);
}

}  // namespace guichet::emu
