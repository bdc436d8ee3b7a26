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
    std::chrono::steady_clock::time_point nextPoll{};
};

CardService::CardService(CardConfig config, MainThreadQueue& ui, EventSink onEvent)
    : config_(std::move(config)), ui_(ui), onEvent_(std::move(onEvent)) {
    for (const auto& w : config_.warnings) log::warning("card", w);
    worker_ = std::thread([this] { run(); });
}

CardService::~CardService() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
}

std::string CardService::detail() const {
    std::lock_guard lock(mutex_);
    return detail_;
}

std::string CardService::deviceId() const {
    std::lock_guard lock(mutex_);
    return deviceId_;
}

void CardService::attach(ReaderHandle reader) {
    {
        std::lock_guard lock(mutex_);
        pendingAttach_ = std::move(reader);
    }
    cv_.notify_all();
}

void CardService::detach(const std::string& id) {
    {
        std::lock_guard lock(mutex_);
        pendingDetach_.push_back(id);
    }
    cv_.notify_all();
}

void CardService::readIdentifier(std::function<void(Result<std::string>)> done) {
    {
        std::lock_guard lock(mutex_);
        if (pendingRead_) {
            // One read at a time: the newer request replaces the older one, which is cancelled.
            auto old = std::move(pendingRead_);
            ui_.post([old = std::move(old)] { old(makeError(ErrorCode::Cancelled, "card: replaced by a newer read")); });
        }
        pendingRead_ = std::move(done);
        cancelRequested_ = false;
    }
    cv_.notify_all();
}

void CardService::cancel() {
    {
        std::lock_guard lock(mutex_);
        cancelRequested_ = true;
    }
    cv_.notify_all();
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
    active_.reset();
    {
        std::lock_guard lock(mutex_);
        deviceId_.clear();
    }
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

void CardService::run() {
    while (true) {
        std::optional<ReaderHandle> attach;
        std::vector<std::string> detach;
        bool cancel = false;
        {
            std::unique_lock lock(mutex_);
            if (stop_) break;
            attach = std::move(pendingAttach_);
            pendingAttach_.reset();
            detach.swap(pendingDetach_);
            if (pendingRead_) {
                if (reading_) {
                    // Still waiting for a card for an older request: that one is superseded.
                    ui_.post([old = std::move(reading_)] {
                        old(makeError(ErrorCode::Cancelled, "card: replaced by a newer read"));
                    });
                }
                reading_ = std::move(pendingRead_);
                pendingRead_ = nullptr;
            }
            cancel = cancelRequested_ && reading_;
            if (cancel) cancelRequested_ = false;
        }
        for (const auto& id : detach)
            if (active_ && active_->handle.deviceId == id) dropReader("reader unplugged");
        if (attach) {
            active_ = std::make_unique<Active>();
            active_->handle = std::move(*attach);
            ccid::ReaderOptions o;
            o.commandTimeout = config_.commandTimeout;
            active_->reader = std::make_unique<ccid::CcidReader>(*active_->handle.transport,
                                                                 active_->handle.descriptor, o);
            {
                std::lock_guard lock(mutex_);
                deviceId_ = active_->handle.deviceId;
            }
            refreshSlot();
        }
        if (cancel) finish(makeError(ErrorCode::Cancelled, "card: read cancelled"));

        if (!active_) {
            if (reading_) finish(makeError(ErrorCode::NotFound, "card: no card reader connected"));
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, 200ms, [&] { return stop_ || pendingAttach_ || pendingRead_ || !pendingDetach_.empty(); });
            continue;
        }
        if (reading_ && active_->cardPresent) {
            readNow();
            continue;
        }
        // Idle (or waiting for the card): follow the slot.
        if (active_->handle.hasInterrupt) {
            auto m = active_->reader->pollInterrupt(100ms);
            if (!m) {
                if (m.error().code == ErrorCode::Disconnected) {
                    dropReader("reader unplugged");
                } else if (m.error().code == ErrorCode::NotSupported) {
                    active_->handle.hasInterrupt = false;
                } else {
                    std::this_thread::sleep_for(100ms);  // a glitch: poll the slot instead
                    refreshSlot();
                }
                continue;
            }
            if (m->has_value() && (*m)->type == ccid::msg::kNotifySlotChange && !(*m)->slots.empty()) {
                active_->cardPresent = (*m)->slots[0].present;
                setStatus(active_->cardPresent ? DeviceStatus::CardPresent : DeviceStatus::NoCard, "");
            } else if (m->has_value() && (*m)->type == ccid::msg::kHardwareError) {
                setStatus(DeviceStatus::Error, "reader hardware error");
            }
            continue;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= active_->nextPoll) {
            refreshSlot();
            if (active_) active_->nextPoll = now + 300ms;
        }
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, 100ms, [&] { return stop_ || pendingAttach_ || pendingRead_ || !pendingDetach_.empty(); });
    }
    if (active_ && active_->reader) (void)active_->reader->powerOff();
    active_.reset();
}

}  // namespace guichet::card
