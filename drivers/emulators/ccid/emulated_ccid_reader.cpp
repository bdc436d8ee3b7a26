#include "drivers/emulators/ccid/emulated_ccid_reader.hpp"

namespace guichet::emu {

using namespace ccid;

ReaderModel idBridgeCt30() {
    ReaderModel m;
    m.name = "Gemalto IDBridge CT30 (emulated)";
    m.vendorId = 0x08E6;
    m.productId = 0x3437;
    m.bcdDevice = 0x0201;
    m.manufacturer = "Gemalto";
    m.product = "USB SmartCard Reader";
    auto& d = m.descriptor;  // shared/device-data/ccid/Gemalto_IDBridge_CT30.txt
    d.bcdCcid = 0x0101;
    d.voltageSupport = 0x07;
    d.protocols = 0x03;
    d.defaultClockKhz = d.maximumClockKhz = 4800;
    d.dataRate = 12903;
    d.maxDataRate = 825806;
    d.numDataRatesSupported = 53;
    d.maxIfsd = 254;
    d.features = 0x00010230;
    d.maxMessageLength = 271;
    d.maxBusySlots = 1;
    return m;
}

ReaderModel acr122u() {
    ReaderModel m;
    m.name = "ACS ACR122U PICC (emulated)";
    m.vendorId = 0x072F;
    m.productId = 0x2200;
    m.bcdDevice = 0x0207;
    m.manufacturer = "ACS";
    m.product = "ACR122U PICC Interface";
    auto& d = m.descriptor;  // shared/device-data/ccid/ACR122U_PICC.txt
    d.bcdCcid = 0x0100;
    d.voltageSupport = 0x07;
    d.protocols = 0x02;
    d.defaultClockKhz = d.maximumClockKhz = 4000;
    d.dataRate = 10752;
    d.maxDataRate = 250000;
    d.maxIfsd = 256;
    d.features = 0x00020040;
    d.maxMessageLength = 271;
    d.maxBusySlots = 1;
    m.answersGetUid = true;
    return m;
}

EmulatedCcidReader::EmulatedCcidReader(ReaderModel model) : model_(std::move(model)) {}

void EmulatedCcidReader::notifySlot(bool present) {
    const SlotChange s{0, present, true};
    interrupt_.push_back(encodeNotifySlotChange(std::span(&s, 1)));
}

void EmulatedCcidReader::insertCard(VirtualCardProfile card) {
    std::lock_guard lock(mutex_);
    card_ = std::make_unique<VirtualCard>(std::move(card));
    powered_ = false;
    notifySlot(true);
    cv_.notify_all();
}

void EmulatedCcidReader::removeCard() {
    std::lock_guard lock(mutex_);
    card_.reset();
    powered_ = false;
    notifySlot(false);
    cv_.notify_all();
}

void EmulatedCcidReader::unplug() {
    std::lock_guard lock(mutex_);
    gone_ = true;
    cv_.notify_all();
}

bool EmulatedCcidReader::unplugged() const {
    std::lock_guard lock(mutex_);
    return gone_;
}

bool EmulatedCcidReader::withCard(const std::function<void(VirtualCard&)>& fn) {
    std::lock_guard lock(mutex_);
    if (!card_) return false;
    fn(*card_);
    return true;
}

std::uint8_t EmulatedCcidReader::slotStatusByte() const {
    if (!card_) return 0x02;
    return powered_ ? 0x00 : 0x01;
}

void EmulatedCcidReader::answer(const Response& r, int timeExtensions) {
    auto at = Clock::now();
    if (repeatOnce_ && !previousAnswer_.empty()) {
        bulkIn_.push_back({at, previousAnswer_});
        repeatOnce_ = false;
    }
    for (int i = 0; i < timeExtensions; ++i) {
        Response wait = r;
        wait.status = static_cast<std::uint8_t>(0x80 | (r.status & 0x03));
        wait.error = 0x01;  // multiplier of the waiting time
        wait.data.clear();
        bulkIn_.push_back({at, encodeResponse(wait)});
        at += extensionDelay_;
    }
    Bytes bytes = encodeResponse(r);
    previousAnswer_ = bytes;
    bulkIn_.push_back({at, std::move(bytes)});
    cv_.notify_all();
}

void EmulatedCcidReader::onPowerOn(const Response& base, std::uint8_t powerSelect) {
    Response r = base;
    r.type = msg::kDataBlock;
    ++powerOns_;
    if (powerSelect > 3) {
        r.status = 0x40 | slotStatusByte();
        r.error = 7;  // offset of the bad field (bPowerSelect)
        return answer(r);
    }
    lastVoltage_ = static_cast<Voltage>(powerSelect);
    if (!card_) {
        r.status = 0x42;
        r.error = slot_error::kIccMute;
        return answer(r);
    }
    // 1 = 5 V (class A), 2 = 3 V (B), 3 = 1.8 V (C); automatic picks what the card takes.
    static const std::uint8_t classBit[4] = {0x07, 0x01, 0x02, 0x04};
    if (card_->profile().mute || !(card_->profile().voltageClasses & classBit[powerSelect])) {
        powered_ = false;
        r.status = 0x41;
        r.error = slot_error::kIccMute;
        return answer(r);
    }
    card_->reset();
    powered_ = true;
    r.status = 0x00;
    r.data = powerSelect == 3 && !card_->profile().atrAt1V8.empty() ? card_->profile().atrAt1V8 : card_->profile().atr;
    answer(r, card_->profile().timeExtensions);
}

void EmulatedCcidReader::onXfrBlock(const Response& base, std::span<const std::uint8_t> data) {
    Response r = base;
    r.type = msg::kDataBlock;
    if (!card_ || !powered_) {
        r.status = 0x40 | slotStatusByte();
        r.error = slot_error::kIccMute;  // no card, or an unpowered one: nobody answers
        return answer(r);
    }
    const int extensions = card_->profile().timeExtensions;
    const auto level = model_.descriptor.exchangeLevel();
    if (level != ExchangeLevel::Tpdu) {
        if (model_.answersGetUid && data.size() == 5 && data[0] == 0xFF && data[1] == 0xCA) {
            Bytes uid = card_->profile().uid;
            if (uid.empty()) {
                r.data = {0x6A, 0x81};
            } else if (data[4] != 0 && data[4] < uid.size()) {
                r.data = {0x6C, static_cast<std::uint8_t>(uid.size())};
            } else {
                uid.push_back(0x90);
                uid.push_back(0x00);
                r.data = std::move(uid);
            }
            return answer(r, extensions);
        }
        r.data = card_->processApduBytes(data);
        return answer(r, extensions);
    }
    if (card_->protocol() == 0) {
        r.data = card_->processT0(data);
        return answer(r, extensions);
    }
    auto block = card_->processT1(data);
    if (!block) {
        r.status = 0x40;
        r.error = slot_error::kIccMute;
        return answer(r, extensions);
    }
    r.data = std::move(*block);
    answer(r, extensions);
}

bool EmulatedCcidReader::onBulkOut(std::span<const std::uint8_t> m) {
    std::lock_guard lock(mutex_);
    if (gone_) return false;
    if (m.size() < kHeaderSize) return false;
    commands_.emplace_back(m.begin(), m.end());
    const std::uint32_t length = m[1] | m[2] << 8 | m[3] << 16 | static_cast<std::uint32_t>(m[4]) << 24;
    Response r;
    r.slot = m[5];
    r.seq = m[6];
    r.status = slotStatusByte();
    const auto data = m.subspan(kHeaderSize);
    if (length != data.size() || m.size() > model_.descriptor.maxMessageLength) {
        r.type = m[0] == msg::kXfrBlock || m[0] == msg::kIccPowerOn ? msg::kDataBlock : msg::kSlotStatus;
        r.status |= 0x40;
        r.error = 1;  // offset of dwLength
        answer(r);
        return true;
    }
    if (r.slot > model_.descriptor.maxSlotIndex) {
        r.type = msg::kSlotStatus;
        r.status = 0x42;
        r.error = 5;  // offset of bSlot
        answer(r);
        return true;
    }
    switch (m[0]) {
        case msg::kIccPowerOn: onPowerOn(r, m[7]); break;
        case msg::kIccPowerOff:
            powered_ = false;
            r.type = msg::kSlotStatus;
            r.status = slotStatusByte();
            r.specific = 0x01;  // clock stopped in state L
            answer(r);
            break;
        case msg::kGetSlotStatus:
            r.type = msg::kSlotStatus;
            answer(r);
            break;
        case msg::kXfrBlock: onXfrBlock(r, data); break;
        case msg::kGetParameters:
        case msg::kSetParameters:
        case msg::kResetParameters: {
            r.type = msg::kParameters;
            const std::uint8_t protocol = m[0] == msg::kSetParameters ? m[7] : (card_ ? card_->protocol() : 0);
            if (!card_) {
                r.status = 0x42;
                r.error = slot_error::kIccMute;
            } else if (protocol > 1 || (m[0] == msg::kSetParameters && data.size() != (protocol ? 7u : 5u))) {
                r.status |= 0x40;
                r.error = protocol > 1 ? 7 : 1;
            } else {
                r.specific = protocol;
                r.data = m[0] == msg::kSetParameters ? Bytes(data.begin(), data.end())
                                                     : (protocol ? Bytes{0x11, 0x10, 0x00, 0x4D, 0x00, 0x20, 0x00}
                                                                 : Bytes{0x11, 0x00, 0x00, 0x0A, 0x00});
            }
            answer(r);
            break;
        }
        case msg::kAbort:
            r.type = msg::kSlotStatus;
            answer(r);
            break;
        case msg::kEscape:
            r.type = msg::kEscapeResponse;
            r.status |= 0x40;
            r.error = slot_error::kCmdNotSupported;
            answer(r);
            break;
        default:
            r.type = msg::kSlotStatus;
            r.status |= 0x40;
            r.error = slot_error::kCmdNotSupported;
            answer(r);
            break;
    }
    return true;
}

std::optional<Bytes> EmulatedCcidReader::takeBulkIn() {
    std::lock_guard lock(mutex_);
    if (bulkIn_.empty() || bulkIn_.front().readyAt > Clock::now()) return std::nullopt;
    Bytes b = std::move(bulkIn_.front().bytes);
    bulkIn_.pop_front();
    return b;
}

std::optional<Bytes> EmulatedCcidReader::takeInterrupt() {
    std::lock_guard lock(mutex_);
    if (interrupt_.empty()) return std::nullopt;
    Bytes b = std::move(interrupt_.front());
    interrupt_.pop_front();
    return b;
}

Result<Bytes> EmulatedCcidReader::waitBulkIn(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const auto deadline = Clock::now() + timeout;
    while (true) {
        if (gone_) return makeError(ErrorCode::Disconnected, "emulated reader unplugged");
        if (!bulkIn_.empty() && bulkIn_.front().readyAt <= Clock::now()) {
            Bytes b = std::move(bulkIn_.front().bytes);
            bulkIn_.pop_front();
            return b;
        }
        auto until = deadline;
        if (!bulkIn_.empty()) until = std::min(until, bulkIn_.front().readyAt);
        if (Clock::now() >= deadline) return makeError(ErrorCode::Timeout, "emulated reader: bulk IN timeout");
        cv_.wait_until(lock, until);
    }
}

Result<Bytes> EmulatedCcidReader::waitInterrupt(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const bool ready = cv_.wait_for(lock, timeout, [&] { return gone_ || !interrupt_.empty() || wakeInterrupt_; });
    const bool woken = wakeInterrupt_;
    wakeInterrupt_ = false;
    if (gone_) return makeError(ErrorCode::Disconnected, "emulated reader unplugged");
    if (!ready || (woken && interrupt_.empty())) return makeError(ErrorCode::Timeout, "emulated reader: interrupt IN timeout");
    Bytes b = std::move(interrupt_.front());
    interrupt_.pop_front();
    return b;
}

void EmulatedCcidReader::wakeInterruptWaiter() {
    {
        std::lock_guard lock(mutex_);
        wakeInterrupt_ = true;
    }
    cv_.notify_all();
}

void EmulatedCcidReader::setTimeExtensionDelay(std::chrono::milliseconds d) {
    std::lock_guard lock(mutex_);
    extensionDelay_ = d;
}

void EmulatedCcidReader::repeatPreviousAnswerOnce() {
    std::lock_guard lock(mutex_);
    repeatOnce_ = true;
}

std::vector<Bytes> EmulatedCcidReader::commandsReceived() const {
    std::lock_guard lock(mutex_);
    return commands_;
}

int EmulatedCcidReader::powerOnCount() const {
    std::lock_guard lock(mutex_);
    return powerOns_;
}

std::optional<Voltage> EmulatedCcidReader::lastVoltage() const {
    std::lock_guard lock(mutex_);
    return lastVoltage_;
}

bool EmulatedCcidReader::cardPowered() const {
    std::lock_guard lock(mutex_);
    return powered_;
}

}  // namespace guichet::emu
