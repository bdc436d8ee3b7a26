// The terminal's card reader (CardReaderService): one Worker owns the attached reader,
// follows slot changes on its interrupt endpoint, and reads the configured identifier when
// the wizard asks — waiting for the card if the slot is still empty. Idle, the worker sleeps
// in the interrupt read itself (woken by a request when the transport allows it).
// Status changes and results reach the UI thread through MainThreadQueue. The identifier is
// never logged and never kept here; the wizard wipes it with the session.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "drivers/ccid/ccid_descriptor.hpp"
#include "drivers/usb/transport.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/card/card_config.hpp"
#include "kiosk/devices/device_services.hpp"
#include "kiosk/worker/worker.hpp"

namespace guichet::card {

// A reader the service may drive: its transport, its class descriptor, and its id.
struct ReaderHandle {
    std::unique_ptr<usb::Transport> transport;
    ccid::CcidClassDescriptor descriptor;
    std::string deviceId;       // "usb:08e6:3437@1-2" or "emulator:card-reader"
    bool hasInterrupt = true;   // else the slot is polled with GetSlotStatus
};

class CardService final : public CardReaderService {
public:
    using EventSink = std::function<void(const DeviceEvent&)>;  // runs on the UI thread

    CardService(CardConfig config, MainThreadQueue& ui, EventSink onEvent = {});
    ~CardService() override;  // powers the card off; a pending read's callback is dropped
    CardService(const CardService&) = delete;
    CardService& operator=(const CardService&) = delete;

    void attach(ReaderHandle reader);           // any thread (hotplug "arrived")
    // Any thread (hotplug "left", or another reader chosen): `why` is the detail of the
    // "absent" state that follows.
    void detach(const std::string& deviceId, std::string why = "reader unplugged");

    DeviceStatus status() const override { return status_.load(); }
    std::string detail() const;                 // for the operator; never personal data
    std::string deviceId() const;
    // Errors (see identifier_reader.hpp): NotFound no reader, Disconnected reader unplugged,
    // Timeout card mute or pulled out, Rejected not a city card, Corrupt, Cancelled.
    void readIdentifier(std::function<void(Result<std::string>)> done) override;
    void cancel() override;

private:
    // Worker tasks.
    void attachNow(ReaderHandle reader);
    void detachNow(const std::string& deviceId, const std::string& why);
    void startRead(std::function<void(Result<std::string>)> done);
    void cancelNow();
    void follow();          // one step of following the slot; posts the next one
    void followSoon();      // posts follow() unless one is already on its way
    // Any thread: a task was posted; end an interrupt read the worker may be sleeping in.
    void nudge();
    void setStatus(DeviceStatus s, std::string detail);
    void finish(Result<std::string> result);
    void dropReader(const std::string& why);
    void refreshSlot();
    void readNow();

    const CardConfig config_;
    MainThreadQueue& ui_;
    EventSink onEvent_;
    std::atomic<DeviceStatus> status_{DeviceStatus::Absent};

    mutable std::mutex mutex_;
    bool cancelRequested_ = false;  // also seen by a read in progress
    std::string detail_, deviceId_;
    usb::Transport* wakeable_ = nullptr;  // the reader's transport, for nudge(); under mutex_

    // Worker-owned.
    struct Active;
    std::unique_ptr<Active> active_;
    std::function<void(Result<std::string>)> reading_;
    bool followQueued_ = false;
    Worker::TimerId slotPoll_ = 0;
    Worker worker_{"card"};  // last: started once everything above exists
};

// Overwrites a string's whole buffer (also the small-string storage a move leaves behind).
void wipeStorage(std::string& s);

}  // namespace guichet::card
