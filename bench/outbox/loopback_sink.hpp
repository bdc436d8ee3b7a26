// A minimal HTTP/1.1 sink on a loopback port for the send benchmark: reads each request,
// discards the body, answers 201. Written in C++ so that the receiver is not the bottleneck.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

namespace guichet::bench {

class LoopbackSink {
public:
    LoopbackSink();
    ~LoopbackSink();
    int port() const { return port_; }
    std::uint64_t requests() const { return requests_; }
    std::uint64_t bodyBytes() const { return bodyBytes_; }

private:
    void serve();
    int listen_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<std::uint64_t> requests_{0}, bodyBytes_{0};
    std::thread thread_;
};

}  // namespace guichet::bench
