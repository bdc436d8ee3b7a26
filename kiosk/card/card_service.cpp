#include "kiosk/card/card_service.hpp"

#include "drivers/ccid/card_session.hpp"
#include "drivers/common/log.hpp"
#include "kiosk/card/identifier_reader.hpp"

namespace guichet::card {

using namespace std::chrono_literals;

void wipeStorage(std::string& s) {
    secureWipe(s.data(), s.capacity());
    s.clear();
}

struct CardService::Active {
    ReaderHandle handle;
    std::unique_ptr<ccid::CcidReader> reader;
    bool cardPresent = false;
};

CardService::CardService(CardConfig config, MainThreadQueue& ui, EventSink onEvent)
    : config_(std::move(config)), ui_(ui), onEvent_(std::move(onEvent)) {
    for (const auto& w : config_.warnings) log::warning("card", w);
    if (auto started = worker_.start(); !started) setStatus(DeviceStatus::Error, started.error().message);
}

CardService::~CardService() {
    worker_.stop();
    nudge();
    worker_.join();
    if (active_ && active_->reader) (void)active_->reader->powerOff();
    {
        std::lock_guard lock(mutex_);
        wakeable_ = nullptr;
    }
    active_.reset();
    if (reading_) reading_ = nullptr;  // dropped: the UI is going away with us
}

std::string CardService::detail() const {
    std::lock_guard lock(mutex_);
    return detail_;
}

std::string CardService::deviceId() const {
    std::lock_guard lock(mutex_);
    return deviceId_;
}

void CardService::nudge() {
    std::lock_guard lock(mutex_);
    if (wakeable_) wakeable_->wakeInterruptRead();
}

void CardService::attach(ReaderHandle reader) {
    auto h = std::make_shared<ReaderHandle>(std::move(reader));
    worker_.post([this, h] { attachNow(std::move(*h)); });
    nudge();
}

void CardService::detach(const std::string& id, std::string why) {
    worker_.post([this, id, why = std::move(why)] { detachNow(id, why); });
    nudge();
}

void CardService::readIdentifier(std::function<void(Result<std::string>)> done) {
    {
        std::lock_guard lock(mutex_);
        cancelRequested_ = false;
    }
    auto d = std::make_shared<std::function<void(Result<std::string>)>>(std::move(done));
    if (!worker_.post([this, d] { startRead(std::move(*d)); }))
        ui_.post([d] { (*d)(makeError(ErrorCode::Cancelled, "card: the card service has stopped")); });
    nudge();
}

void CardService::cancel() {
    {
        std::lock_guard lock(mutex_);
        cancelRequested_ = true;
    }
    worker_.post([this] { cancelNow(); });
    nudge();
}

void CardService::attachNow(ReaderHandle reader) {
    if (active_) dropReader("replaced by another reader");
    active_ = std::make_unique<Active>();
    active_->handle = std::move(reader);
    ccid::ReaderOptions o;
    o.commandTimeout = config_.commandTimeout;
    active_->reader = std::make_unique<ccid::CcidReader>(*active_->handle.transport, active_->handle.descriptor, o);
    {
        std::lock_guard lock(mutex_);
        deviceId_ = active_->handle.deviceId;
        wakeable_ = active_->handle.transport.get();
    }
    refreshSlot();
    followSoon();
}

void CardService::detachNow(const std::string& id, const std::string& why) {
    if (active_ && active_->handle.deviceId == id) dropReader(why);
}

void CardService::startRead(std::function<void(Result<std::string>)> done) {
    if (reading_) {
        // Still waiting for a card for an older request: that one is superseded.
        ui_.post([old = std::move(reading_)] { old(makeError(ErrorCode::Cancelled, "card: replaced by a newer read")); });
    }
    reading_ = std::move(done);
    if (!active_) {
        finish(makeError(ErrorCode::NotFound, "card: no card reader connected"));
        return;
    }
    if (!active_->handle.hasInterrupt) refreshSlot();  // the slot is not followed while idle
    followSoon();
}

void CardService::cancelNow() {
    bool requested;
    {
        std::lock_guard lock(mutex_);
        requested = cancelRequested_;
        cancelRequested_ = false;
    }
    if (requested && reading_) finish(makeError(ErrorCode::Cancelled, "card: read cancelled"));
}

void CardService::followSoon() {
    if (followQueued_) return;
    followQueued_ = worker_.post([this] {
        followQueued_ = false;
        follow();
    });
}

void CardService::follow() {
    if (!active_) return;
    if (reading_ && active_->cardPresent) {
        readNow();
        if (active_) followSoon();  // back to following the slot
        return;
    }
    if (active_->handle.hasInterrupt) {
        // Idle, sleep in the interrupt read until the slot changes: a request nudges it
        // awake. A transport that cannot be nudged gets short reads so requests still run.
        const bool nudgeable = active_->handle.transport->interruptReadWakeable();
        auto m = active_->reader->pollInterrupt(nudgeable ? std::chrono::milliseconds(3'600'000) : 100ms);
        if (!m) {
            if (m.error().code == ErrorCode::Disconnected) {
                dropReader("reader unplugged");
                return;
            }
            if (m.error().code == ErrorCode::NotSupported) {
                active_->handle.hasInterrupt = false;
            } else {
                refreshSlot();  // a glitch: read the slot instead
                if (!active_) return;
                worker_.postAfter(100ms, [this] { followSoon(); });
                return;
            }
        } else if (m->has_value() && (*m)->type == ccid::msg::kNotifySlotChange && !(*m)->slots.empty()) {
            active_->cardPresent = (*m)->slots[0].present;
            setStatus(active_->cardPresent ? DeviceStatus::CardPresent : DeviceStatus::NoCard, "");
        } else if (m->has_value() && (*m)->type == ccid::msg::kHardwareError) {
            setStatus(DeviceStatus::Error, "reader hardware error");
        }
        followSoon();
        return;
    }
    // No interrupt endpoint: the slot is asked, every 300 ms, only while a read waits for
    // the card (idle, nobody looks at it; a read starts by asking).
    if (!reading_) return;
    refreshSlot();
    if (!active_) return;
    if (reading_ && active_->cardPresent) {
        followSoon();
        return;
    }
    if (slotPoll_) worker_.cancel(slotPoll_);
    slotPoll_ = worker_.postAfter(300ms, [this] {
        slotPoll_ = 0;
        followSoon();
    });
}

void CardService::setStatus(DeviceStatus s, std::string detail) {
    std::string id;
    {
        std::lock_guard lock(mutex_);
        if (status_.load() == s && detail_ == detail) return;
        detail_ = detail;
        id = deviceId_;
    }
    status_ = s;
    log::info("card", std::string(deviceStatusName(s)) + (detail.empty() ? "" : ": " + detail));
    if (onEvent_) {
        DeviceEvent e{DeviceKind::CardReader, id, s, std::move(detail)};
        ui_.post([sink = onEvent_, e = std::move(e)] { sink(e); });
    }
}

void CardService::finish(Result<std::string> result) {
    if (!reading_) {
        if (result.ok()) wipeStorage(result.value());
        return;
    }
    if (!result.ok()) log::info("card", "read failed: " + result.error().message);
    auto done = std::move(reading_);
    reading_ = nullptr;
    // The closure owns the identifier until the UI thread hands it to `done`; afterwards the
    // moved-from storage is wiped too.
    ui_.post([done = std::move(done), r = std::make_shared<Result<std::string>>(std::move(result))]() mutable {
        Result<std::string> handed = std::move(*r);
        done(std::move(handed));
        if (handed.ok()) wipeStorage(handed.value());
        if (r->ok()) wipeStorage(r->value());
    });
}

void CardService::dropReader(const std::string& why) {
    {
        std::lock_guard lock(mutex_);
        deviceId_.clear();
        wakeable_ = nullptr;  // before the transport goes: nudge() must not reach it
    }
    active_.reset();
    setStatus(DeviceStatus::Absent, why);
    if (reading_) finish(makeError(ErrorCode::Disconnected, "card: " + why));
}

void CardService::refreshSlot() {
    auto s = active_->reader->slotStatus();
    if (!s) {
        if (s.error().code == ErrorCode::Disconnected) return dropReader("reader unplugged");
        setStatus(DeviceStatus::Error, s.error().message);
        return;
    }
    active_->cardPresent = s->iccState() != ccid::IccState::Absent;
    setStatus(active_->cardPresent ? DeviceStatus::CardPresent : DeviceStatus::NoCard, "");
}

void CardService::readNow() {
    setStatus(DeviceStatus::Busy, "reading");
    auto& reader = *active_->reader;
    Result<std::string> result = makeError(ErrorCode::Io, "card: not read");
    {
        auto conn = ccid::connectCard(reader);
        if (!conn) {
            result = conn.error();
        } else {
            result = card::readIdentifier(*conn->channel, config_);
        }
    }
    if (!result.ok()) {
        const auto code = result.error().code;
        // NotFound from the reader means the card left the slot: for the resident, like a
        // mute card. NotFound is kept for "no reader at all".
        if (code == ErrorCode::NotFound) result = Error{ErrorCode::Timeout, result.error().message + " (card removed?)"};
        if (code == ErrorCode::Disconnected) {
            finish(std::move(result));
            return dropReader("reader unplugged");
        }
    }
    (void)reader.powerOff();
    bool cancelled;
    {
        std::lock_guard lock(mutex_);
        cancelled = cancelRequested_;
        cancelRequested_ = false;
    }
    if (cancelled) {
        if (result.ok()) wipeStorage(result.value());
        result = makeError(ErrorCode::Cancelled, "card: read cancelled");
    }
    finish(std::move(result));
    refreshSlot();
}

}  // namespace guichet::card
