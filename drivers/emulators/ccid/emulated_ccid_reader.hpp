// A software CCID reader with one slot: it decodes the host's bulk messages, drives a
// VirtualCard at the reader's exchange level (TPDU T=0/T=1, or short APDU with the FF CA
// UID pseudo-APDU), queues answers and slot-change interrupts. Thread-safe; transports
// (in-process EmulatedReaderTransport, or a umockdev fake USB device in tests) pull from it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "drivers/ccid/ccid_descriptor.hpp"
#include "drivers/ccid/ccid_message.hpp"
#include "drivers/emulators/ccid/virtual_card.hpp"

namespace guichet::emu {

// The USB face of a reader model, as the real one shows it (shared/device-data/ccid).
struct ReaderModel {
    std::string name;
    std::uint16_t vendorId = 0, productId = 0, bcdDevice = 0x0100;
    std::string manufacturer, product;
    ccid::CcidClassDescriptor descriptor;
    std::uint8_t bulkOut = 0x02, bulkIn = 0x82, interruptIn = 0x83;
    bool answersGetUid = false;  // contactless readers answer FF CA 00 00 00 themselves
};

ReaderModel idBridgeCt30();  // 08E6:3437, TPDU, T=0/1, 5/3/1.8 V, max message 271
ReaderModel acr122u();       // 072F:2200, short APDU, T=1, auto negotiation, contactless

class EmulatedCcidReader {
public:
    using Clock = std::chrono::steady_clock;

    explicit EmulatedCcidReader(ReaderModel model);

    const ReaderModel& model() const { return model_; }

    // The physical world (any thread).
    void insertCard(VirtualCardProfile card);
    void removeCard();
    void unplug();
    bool unplugged() const;
    // Runs `fn` on the card under the reader's lock (to set faults); false when no card.
    bool withCard(const std::function<void(VirtualCard&)>& fn);

    // Host → reader. Returns false for a message too short to have a header (STALL).
    bool onBulkOut(std::span<const std::uint8_t> message);
    // Reader → host, without waiting: nullopt when nothing is ready yet.
    std::optional<Bytes> takeBulkIn();
    std::optional<Bytes> takeInterrupt();
    // The same, waiting at most `timeout` (Timeout, or Disconnected once unplugged).
    Result<Bytes> waitBulkIn(std::chrono::milliseconds timeout);
    Result<Bytes> waitInterrupt(std::chrono::milliseconds timeout);
    void wakeInterruptWaiter();  // a waitInterrupt() in progress returns Timeout now

    // Test hooks.
    void setTimeExtensionDelay(std::chrono::milliseconds d);
    void repeatPreviousAnswerOnce();       // a stale frame with the previous bSeq comes first
    std::vector<Bytes> commandsReceived() const;
    int powerOnCount() const;
    std::optional<ccid::Voltage> lastVoltage() const;
    bool cardPowered() const;

private:
    void answer(const ccid::Response& r, int timeExtensions = 0);
    void onPowerOn(const ccid::Response& base, std::uint8_t powerSelect);
    void onXfrBlock(const ccid::Response& base, std::span<const std::uint8_t> data);
    void notifySlot(bool present);
    std::uint8_t slotStatusByte() const;

    ReaderModel model_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::unique_ptr<VirtualCard> card_;
    bool powered_ = false;
    bool gone_ = false;
    bool wakeInterrupt_ = false;
    struct Pending {
        Clock::time_point readyAt;
        Bytes bytes;
    };
    std::deque<Pending> bulkIn_;
    std::deque<Bytes> interrupt_;
    std::vector<Bytes> commands_;
    Bytes previousAnswer_;
    bool repeatOnce_ = false;
    std::chrono::milliseconds extensionDelay_{5};
    int powerOns_ = 0;
    std::optional<ccid::Voltage> lastVoltage_;
};

}  // namespace guichet::emu
