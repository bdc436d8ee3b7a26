#include "bench/outbox/loopback_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

namespace guichet::bench {

LoopbackSink::LoopbackSink(bool keepAlive, int delayMs) : keepAlive_(keepAlive), delayMs_(delayMs) {
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
        ++connections_;
        // One thread a connection: a client that keeps its connection open (kept alive
        // after its last request) must not keep the next client waiting.
        connectionThreads_.emplace_back([this, c] {
            serveConnection(c);
            ::close(c);
        });
    }
    for (auto& t : connectionThreads_) t.join();
}

// Requests one after the other on one connection (no pipelining needed by the clients
// measured, but bytes past a body are kept for the next request all the same).
void LoopbackSink::serveConnection(int c) {
    static const char closing[] = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                                  "Connection: close\r\n\r\n{\"id\":\"B1\"}";
    static const char kept[] = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                               "\r\n{\"id\":\"B1\"}";
    std::string buffered;
    char buf[65536];
    while (!stop_) {
        std::size_t headEnd;
        while ((headEnd = buffered.find("\r\n\r\n")) == std::string::npos) {
            pollfd p{c, POLLIN, 0};
            if (::poll(&p, 1, 100) < 0) return;
            if (stop_) return;
            if (!(p.revents & (POLLIN | POLLHUP))) continue;
            ssize_t n = ::read(c, buf, sizeof buf);
            if (n <= 0) return;  // the client closed its connection
            buffered.append(buf, static_cast<std::size_t>(n));
        }
        std::size_t contentLength = 0;
        auto cl = buffered.find("Content-Length: ");
        if (cl != std::string::npos && cl < headEnd) contentLength = std::strtoull(buffered.c_str() + cl + 16, nullptr, 10);
        const std::size_t total = headEnd + 4 + contentLength;
        while (buffered.size() < total) {
            ssize_t n = ::read(c, buf, sizeof buf);
            if (n <= 0) return;
            buffered.append(buf, static_cast<std::size_t>(n));
        }
        bodyBytes_ += contentLength;
        ++requests_;
        buffered.erase(0, total);
        if (delayMs_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delayMs_));
        if (keepAlive_) {
            (void)::write(c, kept, sizeof kept - 1);
        } else {
            (void)::write(c, closing, sizeof closing - 1);
            return;
        }
    }
}

}  // namespace guichet::bench
