#include "drivers/emulators/escl/emulator_tcp_server.hpp"

#include <algorithm>
#include <cerrno>
#include <list>
#include <vector>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "drivers/emulators/escl/emulator_connection.hpp"
#include "drivers/emulators/loopback/loopback_listener.hpp"

namespace guichet::emu {

namespace {

struct Client {
    int fd;
    EmulatorConnection connection;
    Bytes pending;       // answer bytes taken from the connection, not yet sent
    std::size_t sent = 0;
};

}  // namespace

Result<std::unique_ptr<EmulatorTcpServer>> EmulatorTcpServer::start(EsclEmulator& emulator, int port) {
    auto l = listenOnLoopback("emulator", port, 8);
    if (!l) return l.error();
    std::unique_ptr<EmulatorTcpServer> s(new EmulatorTcpServer(emulator, l->listenFd, l->port, l->wakeRead, l->wakeWrite));
    // An unplug (or any change) wakes the loop: it sleeps on its sockets, never on a timer.
    emulator.setChangeListener([w = *l] { w.wake(2); });
    s->thread_ = std::thread([p = s.get()] { p->run(); });
    return s;
}

EmulatorTcpServer::EmulatorTcpServer(EsclEmulator& emulator, int listenFd, int port, int wakeRead, int wakeWrite)
    : emulator_(emulator), listenFd_(listenFd), port_(port), wakeRead_(wakeRead), wakeWrite_(wakeWrite) {}

EmulatorTcpServer::~EmulatorTcpServer() { stop(); }

void EmulatorTcpServer::stop() {
    if (stopping_.exchange(true)) return;
    emulator_.setChangeListener({});  // before the pipe it writes to is closed
    LoopbackListener l{listenFd_, port_, wakeRead_, wakeWrite_};
    l.wake();
    if (thread_.joinable()) thread_.join();
    l.close();
}

void EmulatorTcpServer::run() {
    std::list<Client> clients;
    std::vector<std::uint8_t> buffer(64 * 1024);
    std::vector<pollfd> fds;
    while (!stopping_.load()) {
        const bool unplugged = emulator_.unplugged();
        fds.clear();
        fds.push_back({wakeRead_, POLLIN, 0});
        fds.push_back({listenFd_, POLLIN, 0});
        // Asleep until a socket, the stop pipe or an emulator change (same pipe) needs us,
        // or a paced answer is due: no wake-up at all while idle (issue 17).
        int timeoutMs = -1;
        for (auto& c : clients) {
            short ev = POLLIN;
            if (c.sent < c.pending.size()) ev |= POLLOUT;
            else if (auto at = c.connection.readyAt()) {
                auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*at - Clock::now()).count();
                if (ms <= 0) ev |= POLLOUT;
                else timeoutMs = timeoutMs < 0 ? static_cast<int>(ms) : std::min(timeoutMs, static_cast<int>(ms));
            }
            fds.push_back({c.fd, ev, 0});
        }
        int n = ::poll(fds.data(), fds.size(), timeoutMs);
        if (n < 0 && errno != EINTR) break;
        if (stopping_.load()) break;
        if (fds[0].revents & POLLIN) {
            char drain[64];
            while (::read(wakeRead_, drain, sizeof drain) > 0) {}
        }
        if (emulator_.unplugged() != unplugged) continue;  // changed while we slept: look again
        if (fds[1].revents & POLLIN) {
            int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd >= 0) {
                ++accepted_;
                if (unplugged) ::close(fd);  // an unplugged device: the connection dies at once
                else clients.push_back(Client{fd, EmulatorConnection(emulator_), {}, 0});
            }
        }
        std::size_t i = 2;
        for (auto it = clients.begin(); it != clients.end(); ++i) {
            Client& c = *it;
            bool drop = unplugged;
            const short re = i < fds.size() && fds[i].fd == c.fd ? fds[i].revents : 0;
            if (!drop && (re & (POLLIN | POLLHUP | POLLERR))) {
                ssize_t got = ::recv(c.fd, buffer.data(), buffer.size(), 0);
                if (got > 0) c.connection.received(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(got)));
                else if (got == 0 || (errno != EAGAIN && errno != EINTR)) drop = true;
            }
            if (!drop && c.sent == c.pending.size()) {
                c.pending.clear();
                c.sent = 0;
                for (std::size_t got; (got = c.connection.take(buffer)) > 0;)
                    c.pending.insert(c.pending.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(got));
            }
            if (!drop && c.sent < c.pending.size()) {
                ssize_t w = ::send(c.fd, c.pending.data() + c.sent, c.pending.size() - c.sent, MSG_NOSIGNAL);
                if (w > 0) c.sent += static_cast<std::size_t>(w);
                else if (w < 0 && errno != EAGAIN && errno != EINTR) drop = true;
            }
            // A cut answer or a "close" one ends the connection once its bytes are out.
            if (!drop && c.sent == c.pending.size() && (c.connection.cut() || c.connection.closed())) drop = true;
            if (drop) {
                ::close(c.fd);
                it = clients.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto& c : clients) ::close(c.fd);
}

}  // namespace guichet::emu
