#include "bench/outbox/loopback_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace guichet::bench {

LoopbackSink::LoopbackSink() {
    listen_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listen_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(listen_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    ::listen(listen_, 16);
    thread_ = std::thread([this] { serve(); });
}

LoopbackSink::~LoopbackSink() {
    stop_ = true;
    thread_.join();
    ::close(listen_);
}

void LoopbackSink::serve() {
    while (!stop_) {
        pollfd p{listen_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        int c = ::accept(listen_, nullptr, nullptr);
        if (c < 0) continue;
        std::string head;
        char buf[65536];
        std::size_t contentLength = 0, got = 0;
        bool inBody = false;
        for (;;) {
            ssize_t n = ::read(c, buf, sizeof buf);
            if (n <= 0) break;
            if (!inBody) {
                head.append(buf, static_cast<std::size_t>(n));
                auto end = head.find("\r\n\r\n");
                if (end == std::string::npos) continue;
                auto cl = head.find("Content-Length: ");
                if (cl != std::string::npos) contentLength = std::strtoull(head.c_str() + cl + 16, nullptr, 10);
                got = head.size() - (end + 4);
                inBody = true;
            } else {
                got += static_cast<std::size_t>(n);
            }
            if (got >= contentLength) break;
        }
        bodyBytes_ += got;
        ++requests_;
        static const char answer[] = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                                     "Connection: close\r\n\r\n{\"id\":\"B1\"}";
        (void)::write(c, answer, sizeof answer - 1);
        ::close(c);
    }
}

}  // namespace guichet::bench
