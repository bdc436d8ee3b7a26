#include "drivers/emulators/loopback/loopback_listener.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace guichet::emu {

void LoopbackListener::wake(char why) const { (void)!::write(wakeWrite, &why, 1); }

void LoopbackListener::close() {
    for (int* fd : {&listenFd, &wakeRead, &wakeWrite}) {
        if (*fd >= 0) ::close(*fd);
        *fd = -1;
    }
}

Result<LoopbackListener> listenOnLoopback(const std::string& who, int port, int backlog) {
    LoopbackListener l;
    l.listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (l.listenFd < 0) return makeError(ErrorCode::Io, who + ": socket: " + std::strerror(errno));
    int one = 1;
    ::setsockopt(l.listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::bind(l.listenFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(l.listenFd, backlog) != 0) {
        const int e = errno;
        l.close();
        return makeError(e == EADDRINUSE ? ErrorCode::Busy : ErrorCode::Io,
                         who + ": cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(e));
    }
    socklen_t len = sizeof addr;
    ::getsockname(l.listenFd, reinterpret_cast<sockaddr*>(&addr), &len);
    l.port = ntohs(addr.sin_port);
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC | O_NONBLOCK) != 0) {
        const int e = errno;
        l.close();
        return makeError(ErrorCode::Io, who + ": pipe: " + std::strerror(e));
    }
    l.wakeRead = pipeFds[0];
    l.wakeWrite = pipeFds[1];
    return l;
}

}  // namespace guichet::emu
