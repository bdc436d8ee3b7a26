// APDUs over a TPDU-level T=1 exchange (ISO 7816-3 §11): chaining both ways, IFS
// negotiation, waiting-time extensions, R-block error recovery and resynchronisation.
#pragma once

#include <functional>

#include "drivers/ccid/apdu.hpp"
#include "drivers/ccid/t1_block.hpp"

namespace guichet::ccid {

struct T1Options {
    std::uint8_t ifsc = 32;    // the card's receive size (ATR), until it asks otherwise
    std::uint8_t ifsd = 254;   // ours, announced by negotiateIfsd()
    std::uint8_t nad = 0;
    t1::Edc edc = t1::Edc::Lrc;
    int maxRetries = 3;        // per block before resynchronising (ISO: at least 3)
};

// Sends one block and returns the card's answer block. `wtx` (0 = none) multiplies the block
// waiting time for this exchange: CCID puts it in bBWI. Timeout = no block came back.
using BlockExchange = std::function<Result<Bytes>(std::span<const std::uint8_t> block, std::uint8_t wtx)>;

class T1Channel : public ApduChannel {
public:
    T1Channel(BlockExchange exchange, T1Options options);

    // S(IFS request) with our IFSD; a card that refuses leaves IFSD at 32 (not an error).
    Result<void> negotiateIfsd();
    Result<void> resynchronise();
    Result<ResponseApdu> transmit(const CommandApdu& command) override;
    Result<Bytes> transceive(std::span<const std::uint8_t> apdu);

    std::uint8_t ifsc() const { return ifsc_; }
    std::uint8_t ifsd() const { return ifsdNegotiated_ ? options_.ifsd : 32; }
    struct Stats {
        int blocksSent = 0, retransmissions = 0, resyncs = 0, wtxGranted = 0;
    };
    const Stats& stats() const { return stats_; }

private:
    enum class Outcome { Done, Fatal, NeedResync };
    Outcome exchangeApdu(std::span<const std::uint8_t> apdu, Bytes& response, Error& error);
    Result<t1::Block> sendReceive(const t1::Block& block, std::uint8_t wtx);
    Result<t1::Block> sExchange(t1::SType type, Bytes inf);

    BlockExchange exchange_;
    T1Options options_;
    std::uint8_t ifsc_;
    bool ifsdNegotiated_ = false;
    int ns_ = 0;  // sequence of our next I-block
    int nr_ = 0;  // sequence we expect in the card's next I-block
    Stats stats_;
};

}  // namespace guichet::ccid
