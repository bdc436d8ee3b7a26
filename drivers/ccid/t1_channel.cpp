#include "drivers/ccid/t1_channel.hpp"

#include <algorithm>

namespace guichet::ccid {

using t1::Block;
using t1::Kind;
using t1::SType;

namespace {
constexpr std::size_t kMaxResponse = 65536;
constexpr int kMaxBlocksPerApdu = 4096;  // bounds a card that chains or asks WTX forever

bool recoverable(const Error& e) {
    // Mute (lost block), bad EDC, malformed block: R-block recovery. Anything else (unplug,
    // card removed, reader hardware) ends the exchange.
    return e.code == ErrorCode::Timeout || e.code == ErrorCode::Corrupt || e.code == ErrorCode::Protocol;
}
}  // namespace

T1Channel::T1Channel(BlockExchange exchange, T1Options options)
    : exchange_(std::move(exchange)), options_(options), ifsc_(options.ifsc ? options.ifsc : 32) {}

Result<Block> T1Channel::sendReceive(const Block& block, std::uint8_t wtx) {
    ++stats_.blocksSent;
    Bytes wire = t1::encode(block, options_.edc);
    auto raw = exchange_(wire, wtx);
    if (!raw) return raw.error();
    auto decoded = t1::decode(*raw, options_.edc);
    secureWipe(*raw);
    return decoded;
}

Result<Block> T1Channel::sExchange(SType type, Bytes inf) {
    std::optional<Error> last;
    for (int attempt = 0; attempt < options_.maxRetries; ++attempt) {
        auto r = sendReceive(Block::s(type, false, inf, options_.nad), 0);
        if (r && r->kind() == Kind::S && r->sType() == type && r->sResponse()) return r;
        if (!r && !recoverable(r.error())) return r.error();
        last = r ? makeError(ErrorCode::Protocol, "T=1: the card answered " + r->describe()) : r.error();
    }
    return *last;
}

Result<void> T1Channel::negotiateIfsd() {
    auto r = sExchange(SType::Ifs, Bytes{options_.ifsd});
    if (!r) {
        if (!recoverable(r.error())) return r.error();
        ifsdNegotiated_ = false;  // the card keeps IFSD 32: correct, only slower
        return {};
    }
    ifsdNegotiated_ = r->inf.size() == 1 && r->inf[0] == options_.ifsd;
    return {};
}

Result<void> T1Channel::resynchronise() {
    ++stats_.resyncs;
    auto r = sExchange(SType::Resynch, {});
    if (!r)
        return makeError(ErrorCode::Protocol,
                         "T=1: the card does not answer resynchronisation (" + r.error().message + ")");
    // ISO 7816-3 §11.6.3: sequence numbers and sizes start over.
    ns_ = nr_ = 0;
    ifsc_ = options_.ifsc ? options_.ifsc : 32;
    const bool renegotiate = ifsdNegotiated_;
    ifsdNegotiated_ = false;
    if (renegotiate) return negotiateIfsd();
    return {};
}

Result<ResponseApdu> T1Channel::transmit(const CommandApdu& command) {
    auto apdu = command.encode();
    if (!apdu) return apdu.error();
    auto raw = transceive(*apdu);
    if (!raw) return raw.error();
    auto r = parseResponseApdu(*raw);
    secureWipe(*raw);
    return r;
}

Result<Bytes> T1Channel::transceive(std::span<const std::uint8_t> apdu) {
    if (apdu.empty()) return makeError(ErrorCode::InvalidArgument, "T=1: empty APDU");
    Error error{ErrorCode::Protocol, {}};
    for (int attempt = 0; attempt < 2; ++attempt) {
        Bytes response;
        switch (exchangeApdu(apdu, response, error)) {
            case Outcome::Done: return response;
            case Outcome::Fatal: return error;
            case Outcome::NeedResync: {
                secureWipe(response);
                auto rs = resynchronise();
                if (!rs) return rs.error();
                break;  // then the whole command is sent again, once
            }
        }
    }
    return makeError(ErrorCode::Protocol, "T=1: the exchange failed again after resynchronisation (" +
                                              error.message + ")");
}

T1Channel::Outcome T1Channel::exchangeApdu(std::span<const std::uint8_t> apdu, Bytes& response, Error& error) {
    // Our chain: chunks of at most IFSC bytes. `chunk` is the index of the I-block in flight.
    std::size_t offset = 0;
    auto makeIBlock = [&] {
        const std::size_t n = std::min<std::size_t>(ifsc_, apdu.size() - offset);
        const bool more = offset + n < apdu.size();
        return Block::i(ns_, more, Bytes(apdu.begin() + static_cast<long>(offset),
                                         apdu.begin() + static_cast<long>(offset + n)),
                        options_.nad);
    };
    Block lastIBlock = makeIBlock();
    Block toSend = lastIBlock;
    bool sending = true;        // our chain is not fully acknowledged yet
    int errors = 0;
    std::uint8_t wtx = 0;

    for (int round = 0; round < kMaxBlocksPerApdu; ++round) {
        auto got = sendReceive(toSend, wtx);
        wtx = 0;
        if (!got) {
            if (!recoverable(got.error())) {
                error = got.error();
                return Outcome::Fatal;
            }
            error = got.error();
            if (++errors > options_.maxRetries) return Outcome::NeedResync;
            ++stats_.retransmissions;
            // ISO rule 7: ask for the block we expect; the card repeats its last block or asks
            // for our I-block again.
            toSend = Block::r(nr_, got.error().code == ErrorCode::Corrupt ? t1::r_error::kEdc : t1::r_error::kOther,
                              options_.nad);
            continue;
        }
        Block& b = *got;
        if (b.kind() == Kind::S && !b.sResponse()) {
            errors = 0;
            switch (b.sType()) {
                case SType::Wtx:
                    wtx = b.inf.empty() ? 1 : b.inf[0];
                    ++stats_.wtxGranted;
                    toSend = Block::s(SType::Wtx, true, b.inf, options_.nad);
                    continue;
                case SType::Ifs:
                    if (b.inf.size() == 1 && b.inf[0] >= 1 && b.inf[0] <= 254) ifsc_ = b.inf[0];
                    toSend = Block::s(SType::Ifs, true, b.inf, options_.nad);
                    continue;
                case SType::Abort:
                    (void)sendReceive(Block::s(SType::Abort, true, {}, options_.nad), 0);
                    error = makeError(ErrorCode::Cancelled, "T=1: the card aborted the exchange");
                    return Outcome::Fatal;
                case SType::Resynch: break;  // only the interface device may resynchronise
            }
        }
        if (b.kind() == Kind::R && sending) {
            if (b.nr() != lastIBlock.ns() && lastIBlock.more()) {
                // Acknowledgement of the chunk in flight: send the next one.
                errors = 0;
                offset += lastIBlock.inf.size();
                ns_ ^= 1;
                lastIBlock = makeIBlock();
                toSend = lastIBlock;
                continue;
            }
            // The card asks for our I-block again (it was lost or garbled).
            if (++errors > options_.maxRetries) return Outcome::NeedResync;
            ++stats_.retransmissions;
            toSend = lastIBlock;
            continue;
        }
        if (b.kind() == Kind::R && !sending) {
            // We asked for the next chunk of the card's chain and got an R-block back: it did
            // not understand our R-block; send it again.
            if (++errors > options_.maxRetries) return Outcome::NeedResync;
            ++stats_.retransmissions;
            continue;
        }
        if (b.kind() == Kind::I) {
            if (sending && lastIBlock.more()) {
                // An I-block while our chain is unfinished is a protocol error.
                if (++errors > options_.maxRetries) return Outcome::NeedResync;
                toSend = Block::r(nr_, t1::r_error::kOther, options_.nad);
                continue;
            }
            if (b.ns() != nr_) {
                // A repeat of a block we already hold: ask again for the one we expect.
                if (++errors > options_.maxRetries) return Outcome::NeedResync;
                toSend = Block::r(nr_, t1::r_error::kNone, options_.nad);
                continue;
            }
            if (sending) {
                sending = false;  // the card's first I-block acknowledges our last one
                ns_ ^= 1;
            }
            errors = 0;
            nr_ ^= 1;
            response.insert(response.end(), b.inf.begin(), b.inf.end());
            secureWipe(b.inf);
            if (response.size() > kMaxResponse) {
                error = makeError(ErrorCode::Protocol, "T=1: the card's chain exceeds 64 KiB");
                return Outcome::Fatal;
            }
            if (!b.more()) return Outcome::Done;
            toSend = Block::r(nr_, t1::r_error::kNone, options_.nad);
            continue;
        }
        // Unexpected S response or anything else: treat like a garbled block.
        if (++errors > options_.maxRetries) return Outcome::NeedResync;
        toSend = Block::r(nr_, t1::r_error::kOther, options_.nad);
    }
    error = makeError(ErrorCode::Protocol, "T=1: too many blocks for one APDU");
    return Outcome::Fatal;
}

}  // namespace guichet::ccid
