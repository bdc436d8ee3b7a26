// The card's side of T=1 (ISO 7816-3 §11): receives blocks, reassembles chained commands,
// chains long answers by IFSD, asks for WTX, answers S(IFS)/S(RESYNCH), and can misbehave
// on purpose (lost, garbled or ignored blocks) so the host's recovery can be tested.
#pragma once

#include <functional>
#include <optional>

#include "drivers/ccid/t1_block.hpp"

namespace guichet::emu {

class CardT1Engine {
public:
    using ApduHandler = std::function<Bytes(std::span<const std::uint8_t>)>;

    CardT1Engine(std::uint8_t ifsc, ccid::t1::Edc edc) : ifsc_(ifsc), edc_(edc) {}
    void setHandler(ApduHandler h) { handler_ = std::move(h); }
    void setWtxRequests(int n) { wtxPerAnswer_ = n; }
    void reset();

    // One block in, at most one block out (nullopt: the card stays silent → reader ICC_MUTE).
    std::optional<Bytes> onBlock(std::span<const std::uint8_t> bytes);

    // Faults, consumed one block at a time.
    void loseNextAnswers(int n) { loseAnswers_ = n; }        // processed, but the answer is lost
    void ignoreNextBlocks(int n) { ignoreBlocks_ = n; }      // the host's block never arrives
    void corruptNextAnswers(int n) { corruptAnswers_ = n; }  // bad LRC/CRC
    void garbleUntilResync() { garbled_ = true; }            // lost sync: garbage until S(RESYNCH)
    void requestIfsBeforeNextAnswer(std::uint8_t ifsc) { pendingIfsRequest_ = ifsc; }

    std::uint8_t ifsd() const { return ifsd_; }
    std::uint8_t ifsc() const { return ifsc_; }
    int resyncs() const { return resyncs_; }
    int commandsProcessed() const { return commands_; }
    int blocksReceived() const { return blocksReceived_; }
    const std::vector<ccid::t1::Block>& received() const { return log_; }  // every valid block

private:
    std::optional<Bytes> send(ccid::t1::Block b);
    std::optional<Bytes> startAnswer();
    ccid::t1::Block answerChunk();

    std::uint8_t ifsc_;
    ccid::t1::Edc edc_;
    std::uint8_t ifsd_ = 32;
    ApduHandler handler_;
    int wtxPerAnswer_ = 0;
    int ns_ = 0, nr_ = 0;
    Bytes command_;              // chained command being received
    Bytes answer_;               // answer being sent
    std::size_t answerOffset_ = 0;
    std::optional<ccid::t1::Block> lastSent_;
    bool chaining_ = false;      // more chunks of answer_ to send after lastSent_
    int wtxLeft_ = 0;
    std::optional<std::uint8_t> pendingIfsRequest_;
    int loseAnswers_ = 0, ignoreBlocks_ = 0, corruptAnswers_ = 0;
    bool garbled_ = false;
    int resyncs_ = 0, commands_ = 0, blocksReceived_ = 0;
    std::vector<ccid::t1::Block> log_;
};

}  // namespace guichet::emu
