// The core services this area started, for its scenario steps: null before the
// extensions started, after shutdown, or when the service is not in use.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace guichet {
class DeviceManager;
}

namespace guichet::ui::integration {

class OutboxService;
OutboxService* outboxService();

// The terminal's devices under one manager (printer, card reader, scanner): devices() is
// every kind's state and the ignored devices, snapshot()/setListener() the changes. Null
// before the extensions started and after shutdown. UI thread.
DeviceManager* deviceManager();

// The text of the last receipt the emulated printer cut (lines, then "QR: data" for each
// symbol); nullopt before the first one or without the emulated printer.
std::optional<std::vector<std::string>> lastReceiptText();

}  // namespace guichet::ui::integration
