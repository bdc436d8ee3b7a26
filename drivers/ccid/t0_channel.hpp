// APDUs over a TPDU-level T=0 exchange (ISO 7816-3 §10.3): case 4 drops Le and collects the
// answer with GET RESPONSE on 61xx; a wrong Le (6Cxx) is resent with the exact length.
// ShortApduChannel sends whole APDUs to short-APDU readers and follows the same two rules,
// since many such readers hand a T=0 card's 61xx/6Cxx straight back to the host.
#pragma once

#include <functional>

#include "drivers/ccid/apdu.hpp"

namespace guichet::ccid {

// Sends one TPDU/APDU and returns the raw answer (data + SW1 SW2).
using RawExchange = std::function<Result<Bytes>(std::span<const std::uint8_t>)>;

class T0Channel : public ApduChannel {
public:
    explicit T0Channel(RawExchange exchange) : exchange_(std::move(exchange)) {}
    Result<ResponseApdu> transmit(const CommandApdu& command) override;
    // The header+data actually sent for a command (case 4 without Le; case 1 with P3 = 00).
    static Result<Bytes> toTpdu(const CommandApdu& command);

private:
    RawExchange exchange_;
};

class ShortApduChannel : public ApduChannel {
public:
    explicit ShortApduChannel(RawExchange exchange) : exchange_(std::move(exchange)) {}
    Result<ResponseApdu> transmit(const CommandApdu& command) override;

private:
    RawExchange exchange_;
};

// The shared 61xx/6Cxx loop: `first` is what was sent first.
Result<ResponseApdu> exchangeFollowingProcedures(const RawExchange& exchange, Bytes first);

}  // namespace guichet::ccid
