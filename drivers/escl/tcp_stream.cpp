#include "drivers/escl/tcp_stream.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace guichet::escl {

namespace {

int remainingMs(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

// Waits for `events` on fd until the deadline; false on timeout. EINTR is retried.
Result<bool> waitFor(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        pollfd p{fd, events, 0};
        int n = ::poll(&p, 1, remainingMs(deadline));
        if (n > 0) return true;
        if (n == 0) return false;
        if (errno != EINTR) return makeError(ErrorCode::Io, std::string("poll: ") + std::strerror(errno));
    }
}

}  // namespace

Result<std::unique_ptr<TcpStream>> TcpStream::connect(const std::string& host, int port, Millis timeout) {
    if (host.empty() || port <= 0 || port > 65535)
        return makeError(ErrorCode::InvalidArgument, "tcp: bad address " + host + ":" + std::to_string(port));
    std::unique_ptr<TcpStream> s(new TcpStream(host, port));
    if (auto r = s->open(timeout); !r) return r.error();
    return s;
}

TcpStream::~TcpStream() { closeSocket(); }

void TcpStream::closeSocket() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

std::string TcpStream::describe() const { return "tcp " + host_ + ":" + std::to_string(port_); }

Result<void> TcpStream::open(Millis timeout) {
    closeSocket();
    const auto deadline = Clock::now() + timeout;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    int gai = ::getaddrinfo(host_.c_str(), std::to_string(port_).c_str(), &hints, &list);
    if (gai != 0) return makeError(ErrorCode::NotFound, "tcp: cannot resolve " + host_ + ": " + gai_strerror(gai));
    Error last = makeError(ErrorCode::Disconnected, "tcp: no address for " + host_);
    for (addrinfo* a = list; a; a = a->ai_next) {
        int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            auto ready = waitFor(fd, POLLOUT, deadline);
            if (!ready) { ::close(fd); last = ready.error(); continue; }
            if (!*ready) {
                ::close(fd);
                last = makeError(ErrorCode::Timeout, "tcp: connect to " + describe().substr(4) + " timed out");
                continue;
            }
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            rc = err ? -1 : 0;
            errno = err;
        }
        if (rc != 0) {
            last = makeError(ErrorCode::Disconnected, "tcp: connect to " + describe().substr(4) + ": " + std::strerror(errno));
            ::close(fd);
            continue;
        }
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fd_ = fd;
        break;
    }
    ::freeaddrinfo(list);
    if (fd_ < 0) return last;
    return {};
}

Result<void> TcpStream::writeAll(std::span<const std::uint8_t> data, Millis timeout) {
    if (fd_ < 0) return makeError(ErrorCode::Disconnected, "tcp: not connected");
    const auto deadline = Clock::now() + timeout;
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
        if (n > 0) { done += static_cast<std::size_t>(n); continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            auto ready = waitFor(fd_, POLLOUT, deadline);
            if (!ready) return ready.error();
            if (!*ready) return makeError(ErrorCode::Timeout, "tcp: write timed out");
            continue;
        }
        return makeError(ErrorCode::Disconnected, std::string("tcp: write: ") + std::strerror(errno));
    }
    return {};
}

Result<std::size_t> TcpStream::readSome(std::span<std::uint8_t> buffer, Millis timeout) {
    if (fd_ < 0) return makeError(ErrorCode::Disconnected, "tcp: not connected");
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            auto ready = waitFor(fd_, POLLIN, deadline);
            if (!ready) return ready.error();
            if (!*ready) return makeError(ErrorCode::Timeout, "tcp: read timed out");
            continue;
        }
        return makeError(ErrorCode::Disconnected, std::string("tcp: read: ") + std::strerror(errno));
    }
}

Result<void> TcpStream::reset(Millis timeout) { return open(timeout); }

}  // namespace guichet::escl
