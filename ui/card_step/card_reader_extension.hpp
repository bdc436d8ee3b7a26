// Starts the terminal's card service when the UI starts and puts it in ctx.services: USB
// readers through hotplug, or — with --demo — an emulated IDBridge CT30 whose card the
// scenario steps `card-insert KIND` / `card-remove` / `card-unplug` move in and out.
#pragma once

#include <memory>

#include "drivers/emulators/ccid/emulated_ccid_reader.hpp"

namespace guichet::ui {

// The demo reader while the UI runs with --demo (null otherwise).
std::shared_ptr<emu::EmulatedCcidReader> demoCardReader();

}  // namespace guichet::ui
