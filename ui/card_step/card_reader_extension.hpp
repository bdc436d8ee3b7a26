// The card reader in the running terminal. The DeviceManager hosts it (ui/integration's
// devices extension builds a card::CardReaderHost from cardConfigFor()); this area keeps
// what is the card step's own: ending a read that still waits when the session ends, and the
// demo reader the scenario steps `card-insert KIND` / `card-remove` / `card-unplug` move.
#pragma once

#include <memory>
#include <optional>

#include "drivers/emulators/ccid/emulated_ccid_reader.hpp"
#include "kiosk/card/card_config.hpp"

namespace guichet::ui {

class UiContext;

// The demo reader while the UI runs with --demo (null otherwise).
std::shared_ptr<emu::EmulatedCcidReader> demoCardReader();
void setDemoCardReader(std::shared_ptr<emu::EmulatedCcidReader> reader);  // by whoever hosts it

// [card] in terminal.toml, else card.toml next to it, else (demo only) the emulator's city
// card; nullopt (logged) when there is none or it is wrong: the card step then says the
// reader is unavailable.
std::optional<card::CardConfig> cardConfigFor(const UiContext& ctx);

}  // namespace guichet::ui
