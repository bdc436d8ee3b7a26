// One CCID slot driven over an injected Transport: message framing, sequence numbers,
// time extensions, voltage selection, and failures mapped to SlotFault errors.
// Not thread-safe: one owner thread drives a reader (the card service's worker).
#pragma once

#include <functional>
#include <optional>
#include <span>

#include "drivers/ccid/ccid_descriptor.hpp"
#include "drivers/ccid/ccid_message.hpp"
#include "drivers/ccid/slot_fault.hpp"
#include "drivers/usb/transport.hpp"

namespace guichet::ccid {

struct ReaderOptions {
    std::uint8_t slot = 0;
    usb::Timeout commandTimeout{3000};   // one bulk read; a time extension restarts it
    int maxTimeExtensions = 600;         // so a card stuck in WTX cannot hold us forever
    int maxStaleFrames = 8;              // answers with another bSeq, dropped
};

class CcidReader {
public:
    CcidReader(usb::Transport& transport, CcidClassDescriptor descriptor, ReaderOptions options = {});

    const CcidClassDescriptor& descriptor() const { return descriptor_; }
    const ReaderOptions& options() const { return options_; }

    // Returns the ATR bytes. NotFound: no card; Timeout: card mute.
    Result<Bytes> powerOn(Voltage voltage);
    // Automatic when the reader selects by itself, else the supported classes from the
    // lowest voltage up (ISO 7816-3 §6.2.4: a lower class never harms a card).
    Result<Bytes> powerOnSelectingVoltage();
    // The same, moving on to the next class also when the card answers with an ATR that
    // `usable` refuses (returns the reason): ISO 7816-3 §6.2.4, "unusable ATR".
    Result<Bytes> powerOnSelectingVoltage(const std::function<std::optional<Error>(const Bytes&)>& usable);
    std::optional<Voltage> selectedVoltage() const { return selectedVoltage_; }
    Result<void> powerOff();
    Result<Response> slotStatus();
    Result<Bytes> xfrBlock(std::span<const std::uint8_t> data, std::uint8_t bwi = 0, std::uint16_t level = 0);
    Result<Response> getParameters();
    Result<void> setParameters(std::uint8_t protocol, std::span<const std::uint8_t> parameters);
    Result<Bytes> escape(std::span<const std::uint8_t> data);
    // Class request ABORT on the control pipe then the bulk Abort message (CCID §5.3.1).
    Result<void> abort(std::uint8_t interfaceNumber);
    // nullopt when nothing arrived before the timeout.
    Result<std::optional<InterruptMessage>> pollInterrupt(usb::Timeout timeout);

    std::uint8_t lastSequence() const { return static_cast<std::uint8_t>(seq_ - 1); }

private:
    Result<Response> transact(const Bytes& command, std::uint8_t expectedType, bool failureIsError = true);
    std::uint8_t nextSeq() { return seq_++; }

    usb::Transport& transport_;
    CcidClassDescriptor descriptor_;
    ReaderOptions options_;
    std::uint8_t seq_ = 0;
    std::optional<Voltage> selectedVoltage_;
    Bytes readBuffer_;
};

}  // namespace guichet::ccid
