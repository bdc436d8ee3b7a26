// The card reader as the DeviceManager hosts it: the CardService, fed by the USB reader
// watcher on the manager's USB context (or, in demo mode, the emulated reader). The
// service's states and the ignored readers all reach the manager's table.
#pragma once

#include <memory>

#include "drivers/emulators/ccid/emulated_ccid_reader.hpp"
#include "kiosk/card/card_config.hpp"
#include "kiosk/card/card_service.hpp"
#include "kiosk/card/reader_sources.hpp"
#include "kiosk/devices/device_host.hpp"

namespace guichet::card {

class CardReaderHost final : public DeviceHost {
public:
    // `demo`: the emulated reader (an iDBridge CT30 with an empty slot) instead of USB.
    CardReaderHost(CardConfig config, bool demo);
    ~CardReaderHost() override;

    DeviceKind kind() const override { return DeviceKind::CardReader; }
    bool wantsUsb() const override { return !demo_; }
    Result<void> start(const HostContext& ctx) override;
    void stop() override;  // the service goes too: clear every pointer to it first

    CardService* service() { return service_.get(); }                                  // null before start / after stop
    std::shared_ptr<emu::EmulatedCcidReader> demoReader() const { return demoReader_; }  // demo mode only

private:
    const CardConfig config_;
    const bool demo_;
    std::unique_ptr<CardService> service_;
    std::unique_ptr<UsbReaderWatcher> watcher_;
    std::shared_ptr<emu::EmulatedCcidReader> demoReader_;
};

}  // namespace guichet::card
