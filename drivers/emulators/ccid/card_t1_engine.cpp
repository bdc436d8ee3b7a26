#include "drivers/emulators/ccid/card_t1_engine.hpp"

#include <algorithm>

namespace guichet::emu {

using ccid::t1::Block;
using ccid::t1::Kind;
using ccid::t1::SType;

void CardT1Engine::reset() {
    ns_ = nr_ = 0;
    ifsd_ = 32;
    secureWipe(command_);
    secureWipe(answer_);
    answerOffset_ = 0;
    lastSent_.reset();
    chaining_ = false;
    wtxLeft_ = 0;
}

std::optional<Bytes> CardT1Engine::send(Block b) {
    if (b.kind() != Kind::R) lastSent_ = b;
    if (loseAnswers_ > 0) {
        --loseAnswers_;
        return std::nullopt;
    }
    Bytes wire = ccid::t1::encode(b, edc_);
    if (corruptAnswers_ > 0) {
        --corruptAnswers_;
        wire.back() ^= 0x5A;
    }
    return wire;
}

Block CardT1Engine::answerChunk() {
    const std::size_t n = std::min<std::size_t>(ifsd_, answer_.size() - answerOffset_);
    chaining_ = answerOffset_ + n < answer_.size();
    Block b = Block::i(ns_, chaining_, Bytes(answer_.begin() + static_cast<long>(answerOffset_),
                                              answer_.begin() + static_cast<long>(answerOffset_ + n)));
    if (!chaining_) ns_ ^= 1;  // a final block is acknowledged by the host's next I-block
    return b;
}

std::optional<Bytes> CardT1Engine::startAnswer() {
    if (pendingIfsRequest_) {
        const std::uint8_t v = *pendingIfsRequest_;
        pendingIfsRequest_.reset();
        return send(Block::s(SType::Ifs, false, Bytes{v}));
    }
    if (wtxLeft_ > 0) {
        --wtxLeft_;
        return send(Block::s(SType::Wtx, false, Bytes{0x01}));
    }
    return send(answerChunk());
}

std::optional<Bytes> CardT1Engine::onBlock(std::span<const std::uint8_t> bytes) {
    if (ignoreBlocks_ > 0) {
        --ignoreBlocks_;
        return std::nullopt;
    }
    ++blocksReceived_;
    auto decoded = ccid::t1::decode(bytes, edc_);
    if (garbled_ && !(decoded && decoded->kind() == Kind::S && decoded->sType() == SType::Resynch &&
                      !decoded->sResponse())) {
        Bytes junk = ccid::t1::encode(Block::r(nr_, 2), edc_);
        junk.back() ^= 0xFF;
        return junk;
    }
    if (!decoded)
        return send(Block::r(nr_, decoded.error().code == ErrorCode::Corrupt ? 1 : 2));
    Block b = std::move(*decoded);
    log_.push_back(b);

    switch (b.kind()) {
        case Kind::S:
            if (!b.sResponse()) {
                switch (b.sType()) {
                    case SType::Resynch:
                        reset();
                        garbled_ = false;
                        ++resyncs_;
                        return send(Block::s(SType::Resynch, true));
                    case SType::Ifs:
                        if (b.inf.size() == 1 && b.inf[0] >= 1 && b.inf[0] <= 254) ifsd_ = b.inf[0];
                        return send(Block::s(SType::Ifs, true, b.inf));
                    case SType::Abort:
                        secureWipe(command_);
                        chaining_ = false;
                        return send(Block::s(SType::Abort, true));
                    case SType::Wtx: return send(Block::r(nr_, 2));  // only the card asks for WTX
                }
            }
            if (b.sType() == SType::Wtx || b.sType() == SType::Ifs) return startAnswer();
            return send(Block::r(nr_, 2));

        case Kind::I: {
            if (b.ns() != nr_) {
                // The host repeats a block we already have: our answer to it was lost.
                if (lastSent_) return send(*lastSent_);
                return send(Block::r(nr_));
            }
            nr_ ^= 1;
            command_.insert(command_.end(), b.inf.begin(), b.inf.end());
            secureWipe(b.inf);
            if (b.more()) return send(Block::r(nr_));
            ++commands_;
            answer_ = handler_ ? handler_(command_) : Bytes{0x6F, 0x00};
            secureWipe(command_);
            answerOffset_ = 0;
            wtxLeft_ = wtxPerAnswer_;
            return startAnswer();
        }

        case Kind::R:
            if (lastSent_ && lastSent_->kind() == Kind::I) {
                if (chaining_ && b.nr() != lastSent_->ns()) {
                    ns_ ^= 1;
                    answerOffset_ += lastSent_->inf.size();
                    return send(answerChunk());
                }
                if (b.nr() == lastSent_->ns()) return send(*lastSent_);  // ours was lost: again
                return send(Block::r(nr_));  // the host's I-block was lost: ask for it
            }
            if (lastSent_ && lastSent_->kind() == Kind::S) return send(*lastSent_);
            return send(Block::r(nr_));
    }
    return std::nullopt;
}

}  // namespace guichet::emu
