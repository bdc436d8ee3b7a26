#include "kiosk/card/card_reader_host.hpp"

namespace guichet::card {

CardReaderHost::CardReaderHost(CardConfig config, bool demo) : config_(std::move(config)), demo_(demo) {}

CardReaderHost::~CardReaderHost() { stop(); }

Result<void> CardReaderHost::start(const HostContext& ctx) {
    // The service posts its events through the UI queue; the manager records them there.
    service_ = std::make_unique<CardService>(config_, ctx.ui, [report = ctx.report](const DeviceEvent& e) { report(e); });
    if (demo_) {
        demoReader_ = std::make_shared<emu::EmulatedCcidReader>(emu::idBridgeCt30());
        service_->attach(emulatedReaderHandle(demoReader_));
        return {};
    }
    if (!ctx.usb) return makeError(ErrorCode::NotSupported, "no USB: card readers cannot be followed");
    auto w = UsbReaderWatcher::start(ctx.usb, *service_, config_.reader, ctx.report);
    if (!w) return Error{w.error().code, "no USB hotplug for card readers: " + w.error().message};
    watcher_ = std::move(*w);
    return {};
}

void CardReaderHost::stop() {
    if (watcher_) watcher_->stop();  // no attach/detach after this
    watcher_.reset();
    service_.reset();  // joins its worker, powers the card off
    demoReader_.reset();
}

}  // namespace guichet::card
