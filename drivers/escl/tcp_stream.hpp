// A ByteStream over a TCP connection to a network scanner or a local ipp-usb daemon.
// Non-blocking socket + poll(): connect, every read and every write honour a deadline.
#pragma once

#include <memory>
#include <string>

#include "drivers/escl/byte_stream.hpp"

namespace guichet::escl {

class TcpStream final : public ByteStream {
public:
    static Result<std::unique_ptr<TcpStream>> connect(const std::string& host, int port, Millis timeout);
    ~TcpStream() override;
    TcpStream(const TcpStream&) = delete;
    TcpStream& operator=(const TcpStream&) = delete;

    Result<void> writeAll(std::span<const std::uint8_t> data, Millis timeout) override;
    Result<std::size_t> readSome(std::span<std::uint8_t> buffer, Millis timeout) override;
    Result<void> reset(Millis timeout) override;  // closes and reconnects
    std::string describe() const override;

private:
    TcpStream(std::string host, int port) : host_(std::move(host)), port_(port) {}
    Result<void> open(Millis timeout);
    void closeSocket();

    std::string host_;
    int port_;
    int fd_ = -1;
};

}  // namespace guichet::escl
