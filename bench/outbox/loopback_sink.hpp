// A minimal HTTP/1.1 sink on a loopback port for the send benchmark: reads each request,
// discards the body, answers 201. Written in C++ so that the receiver is not the bottleneck.
// With keepAlive, a connection carries request after request (HTTP/1.1's default), as a
// real back office's server does; without, each answer closes it.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace guichet::bench {

class LoopbackSink {
public:
    // delayMs: each answer waits this long, as a back office across a real network does.
    explicit LoopbackSink(bool keepAlive = false, int delayMs = 0);
    ~LoopbackSink();
    int port() const { return port_; }
    std::uint64_t requests() const { return requests_; }
    std::uint64_t bodyBytes() const { return bodyBytes_; }
    std::uint64_t connections() const { return connections_; }

private:
    void serve();
    void serveConnection(int fd);
    bool keepAlive_ = false;
    int delayMs_ = 0;
    int listen_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<std::uint64_t> requests_{0}, bodyBytes_{0}, connections_{0};
    std::thread thread_;
    std::vector<std::thread> connectionThreads_;  // owned by thread_
};

}  // namespace guichet::bench
