#include "drivers/payment/tcp_link.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "drivers/payment/caisse_ap_message.hpp"

namespace guichet::payment {
namespace {

using Clock = std::chrono::steady_clock;
constexpr Millis kSlice{100};  // how often a wait looks at the cancel flag

int msLeft(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

Result<void> TcpLink::open(Millis timeout) {
    close();
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    const std::string port = std::to_string(port_);
    if (int rc = getaddrinfo(host_.c_str(), port.c_str(), &hints, &res); rc != 0)
        return makeError(ErrorCode::NotFound, describe() + ": " + gai_strerror(rc));
    const auto deadline = Clock::now() + timeout;
    Error last = makeError(ErrorCode::Io, describe() + ": no address");
    for (addrinfo* ai = res; ai; ai = ai->ai_next) {
        int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) continue;
        int rc = ::connect(fd, ai->ai_addr, ai->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            rc = ::poll(&p, 1, msLeft(deadline));
            if (rc == 0) {
                ::close(fd);
                last = makeError(ErrorCode::Timeout, describe() + ": connection timed out");
                continue;
            }
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            rc = err ? -1 : 0;
            errno = err;
        }
        if (rc != 0) {
            last = makeError(errno == ECONNREFUSED ? ErrorCode::Disconnected : ErrorCode::Io,
                             describe() + ": " + std::strerror(errno));
            ::close(fd);
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fd_ = fd;
        freeaddrinfo(res);
        return {};
    }
    freeaddrinfo(res);
    return last;
}

Result<void> TcpLink::send(std::string_view message, Millis timeout) {
    if (fd_ < 0) return makeError(ErrorCode::Disconnected, describe() + ": not connected");
    const auto deadline = Clock::now() + timeout;
    std::size_t off = 0;
    while (off < message.size()) {
        ssize_t n = ::send(fd_, message.data() + off, message.size() - off, MSG_NOSIGNAL);
        if (n > 0) {
            off += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{fd_, POLLOUT, 0};
            if (::poll(&p, 1, msLeft(deadline)) == 0) return makeError(ErrorCode::Timeout, describe() + ": send timed out");
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        return makeError(ErrorCode::Disconnected, describe() + ": " + std::strerror(errno));
    }
    return {};
}

Result<std::string> TcpLink::receive(Millis timeout, const std::atomic<bool>& cancel) {
    if (fd_ < 0) return makeError(ErrorCode::Disconnected, describe() + ": not connected");
    const auto deadline = Clock::now() + timeout;
    std::string buffer;
    char chunk[1024];
    bool looksComplete = false;
    for (;;) {
        if (cancel.load()) return makeError(ErrorCode::Cancelled, describe() + ": cancelled while waiting");
        // Once the bytes parse as whole fields, wait only a short quiet period for more.
        const int wait = looksComplete ? static_cast<int>(kQuietAfterComplete.count())
                                       : std::min(msLeft(deadline), static_cast<int>(kSlice.count()));
        pollfd p{fd_, POLLIN, 0};
        int rc = ::poll(&p, 1, wait);
        if (rc < 0 && errno == EINTR) continue;
        if (rc == 0) {
            if (looksComplete) return buffer;
            if (msLeft(deadline) == 0) return makeError(ErrorCode::Timeout, describe() + ": no answer in time");
            continue;
        }
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n <= 0) {
            if (looksComplete) return buffer;  // the TPE closed after a whole answer
            return makeError(ErrorCode::Disconnected,
                             describe() + (buffer.empty() ? ": connection closed before the answer"
                                                          : ": connection closed in the middle of the answer (" +
                                                                std::to_string(buffer.size()) + " bytes)"));
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
        if (buffer.size() > 16 * 1024) return makeError(ErrorCode::Protocol, describe() + ": answer longer than 16 KiB");
        const Scan scan = scanFields(buffer);
        if (scan.state == ScanState::Malformed) return makeError(ErrorCode::Protocol, describe() + ": " + scan.reason);
        // A whole answer carries the status AE; without it the TPE has more to say.
        looksComplete = false;
        if (scan.state == ScanState::Complete) {
            auto parsed = decode(buffer);
            if (!parsed) return makeError(ErrorCode::Protocol, describe() + ": " + parsed.error().message);
            looksComplete = parsed->has("AE");
        }
    }
}

void TcpLink::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

}  // namespace guichet::payment
