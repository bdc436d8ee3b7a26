// The "hors service" switch the operator console sets: kept as a file in the terminal's
// state folder so that a restart (watchdog, power cut, the console's own "Redémarrer")
// comes back out of service rather than open to residents with a broken printer.
#pragma once

#include <string>

#include "drivers/common/result.hpp"

namespace guichet::console {

// <stateDir>/out-of-service; its presence is the switch.
std::string outOfServicePath(const std::string& stateDir);
bool readOutOfService(const std::string& stateDir);
// Creates or removes the file (fsynced). Errors name the path.
Result<void> writeOutOfService(const std::string& stateDir, bool on);

}  // namespace guichet::console
