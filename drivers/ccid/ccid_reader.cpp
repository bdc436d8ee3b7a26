#include "drivers/ccid/ccid_reader.hpp"

#include <algorithm>
#include <string>

namespace guichet::ccid {

CcidReader::CcidReader(usb::Transport& transport, CcidClassDescriptor descriptor, ReaderOptions options)
    : transport_(transport), descriptor_(descriptor), options_(options) {
    // Room for the largest message the reader may send, and never less than a short APDU answer.
    // The bound holds even for a descriptor that did not come through the parser.
    descriptor_.maxMessageLength = std::min(descriptor_.maxMessageLength, CcidClassDescriptor::kMaxMessageLengthAllowed);
    readBuffer_.resize(std::max<std::size_t>(descriptor_.maxMessageLength, kHeaderSize + 258));
}

Result<Response> CcidReader::transact(const Bytes& command, std::uint8_t expectedType, bool failureIsError) {
    if (command.size() > descriptor_.maxMessageLength)
        return makeError(ErrorCode::InvalidArgument, "CCID: message of " + std::to_string(command.size()) +
                                                         " bytes exceeds the reader's dwMaxCCIDMessageLength " +
                                                         std::to_string(descriptor_.maxMessageLength));
    const std::uint8_t seq = command[6];
    auto written = transport_.bulkWrite(command, options_.commandTimeout);
    if (!written) return written.error();
    if (*written != command.size())
        return makeError(ErrorCode::Io, "CCID: short write (" + std::to_string(*written) + " of " +
                                            std::to_string(command.size()) + " bytes)");
    int extensions = 0, stale = 0;
    while (true) {
        auto got = transport_.bulkRead(readBuffer_, options_.commandTimeout);
        if (!got) {
            if (got.error().code == ErrorCode::Timeout)
                return makeError(ErrorCode::Timeout, "CCID: the reader did not answer within " +
                                                         std::to_string(options_.commandTimeout.count()) + " ms");
            return got.error();
        }
        auto r = decodeResponse(std::span(readBuffer_.data(), *got));
        if (!r) return r.error();
        if (r->seq != seq || r->slot != options_.slot) {
            // A repeated or late frame from an earlier command: drop it (PROTOCOLS.md §2).
            if (++stale > options_.maxStaleFrames)
                return makeError(ErrorCode::Protocol, "CCID: the reader keeps answering with another bSeq");
            continue;
        }
        if (r->commandStatus() == CommandStatus::TimeExtension) {
            if (++extensions > options_.maxTimeExtensions)
                return makeError(ErrorCode::Timeout, "CCID: the card keeps asking for more time (" +
                                                         std::to_string(extensions) + " time extensions)");
            continue;
        }
        if (failureIsError && r->commandStatus() == CommandStatus::Failed) return faultError(classifyFailure(*r), r->error);
        if (r->type != expectedType)
            return makeError(ErrorCode::Protocol, "CCID: answer type " + std::to_string(r->type) +
                                                      " does not match the command");
        return std::move(*r);
    }
}

Result<Bytes> CcidReader::powerOn(Voltage voltage) {
    auto r = transact(encodeIccPowerOn(options_.slot, nextSeq(), voltage), msg::kDataBlock);
    if (!r) return r.error();
    if (r->data.empty()) return makeError(ErrorCode::Protocol, "CCID: power on returned an empty ATR");
    selectedVoltage_ = voltage;
    return std::move(r->data);
}

Result<Bytes> CcidReader::powerOnSelectingVoltage() { return powerOnSelectingVoltage(nullptr); }

Result<Bytes> CcidReader::powerOnSelectingVoltage(const std::function<std::optional<Error>(const Bytes&)>& usable) {
    auto checked = [&](Result<Bytes> atr) -> Result<Bytes> {
        if (atr && usable)
            if (auto why = usable(*atr)) return *why;
        return atr;
    };
    if (descriptor_.has(feature::kAutoVoltage)) return checked(powerOn(Voltage::Automatic));
    struct Step { std::uint8_t bit; Voltage v; };
    const Step order[] = {{voltage::k1V8, Voltage::V1_8}, {voltage::k3V, Voltage::V3}, {voltage::k5V, Voltage::V5}};
    std::optional<Error> last;
    for (const auto& s : order) {
        if (!(descriptor_.voltageSupport & s.bit)) continue;
        auto atr = checked(powerOn(s.v));
        if (atr) return atr;
        last = atr.error();
        // Only a silent card or an unusable ATR makes a higher class worth trying.
        if (last->code != ErrorCode::Timeout && last->code != ErrorCode::Protocol &&
            last->code != ErrorCode::NotSupported)
            return *last;
        auto off = powerOff();
        if (!off && off.error().code == ErrorCode::Disconnected) return off.error();
    }
    if (!last) return checked(powerOn(Voltage::Automatic));  // bVoltageSupport empty: let the reader pick
    return *last;
}

Result<void> CcidReader::powerOff() {
    auto r = transact(encodeIccPowerOff(options_.slot, nextSeq()), msg::kSlotStatus);
    if (!r) return r.error();
    selectedVoltage_.reset();
    return {};
}

Result<Response> CcidReader::slotStatus() {
    // A failed GetSlotStatus still tells the slot state; only transport errors are errors here.
    return transact(encodeGetSlotStatus(options_.slot, nextSeq()), msg::kSlotStatus, false);
}

Result<Bytes> CcidReader::xfrBlock(std::span<const std::uint8_t> data, std::uint8_t bwi, std::uint16_t level) {
    auto r = transact(encodeXfrBlock(options_.slot, nextSeq(), data, bwi, level), msg::kDataBlock);
    if (!r) return r.error();
    return std::move(r->data);
}

Result<Response> CcidReader::getParameters() {
    return transact(encodeGetParameters(options_.slot, nextSeq()), msg::kParameters);
}

Result<void> CcidReader::setParameters(std::uint8_t protocol, std::span<const std::uint8_t> parameters) {
    auto r = transact(encodeSetParameters(options_.slot, nextSeq(), protocol, parameters), msg::kParameters);
    if (!r) return r.error();
    return {};
}

Result<Bytes> CcidReader::escape(std::span<const std::uint8_t> data) {
    auto r = transact(encodeEscape(options_.slot, nextSeq(), data), msg::kEscapeResponse);
    if (!r) return r.error();
    return std::move(r->data);
}

Result<void> CcidReader::abort(std::uint8_t interfaceNumber) {
    const std::uint8_t seq = nextSeq();
    usb::ControlSetup setup{0x21, 0x01, static_cast<std::uint16_t>(seq << 8 | options_.slot), interfaceNumber};
    auto c = transport_.control(setup, {}, options_.commandTimeout);
    if (!c) return c.error();
    auto r = transact(encodeAbort(options_.slot, seq), msg::kSlotStatus);
    if (!r) return r.error();
    return {};
}

Result<std::optional<InterruptMessage>> CcidReader::pollInterrupt(usb::Timeout timeout) {
    std::uint8_t buf[16];
    auto got = transport_.interruptRead(buf, timeout);
    if (!got) {
        if (got.error().code == ErrorCode::Timeout) return std::optional<InterruptMessage>{};
        return got.error();
    }
    if (*got == 0) return std::optional<InterruptMessage>{};
    auto m = decodeInterrupt(std::span(buf, *got));
    if (!m) return m.error();
    return std::optional<InterruptMessage>(std::move(*m));
}

}  // namespace guichet::ccid
