// Caisse-AP over IP: one TCP connection per transaction (non-blocking socket + poll), the
// answer read until it parses as complete fields and the TPE has stopped writing.
#pragma once

#include <string>

#include "drivers/payment/payment_link.hpp"

namespace guichet::payment {

class TcpLink final : public PaymentLink {
public:
    TcpLink(std::string host, int port) : host_(std::move(host)), port_(port) {}
    ~TcpLink() override { close(); }
    TcpLink(const TcpLink&) = delete;
    TcpLink& operator=(const TcpLink&) = delete;

    Result<void> open(Millis timeout) override;
    Result<void> send(std::string_view message, Millis timeout) override;
    Result<std::string> receive(Millis timeout, const std::atomic<bool>& cancel) override;
    void close() override;
    std::string describe() const override { return "tcp " + host_ + ":" + std::to_string(port_); }

    // How long the TPE must stay quiet after a complete-looking answer before it is taken
    // as the whole answer (an answer may arrive in several TCP segments).
    static constexpr Millis kQuietAfterComplete{80};

private:
    std::string host_;
    int port_;
    int fd_ = -1;
};

}  // namespace guichet::payment
