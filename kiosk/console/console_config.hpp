// The [console] table of terminal.toml: the operator console's PIN (an argon2id hash made
// by `guichetctl pin hash`, never the PIN) and what the "hors service" screen tells
// residents. Every key is optional; without pin_hash the console never opens.
#pragma once

#include <string>

#include "drivers/common/result.hpp"
#include "kiosk/config/terminal_config.hpp"

namespace guichet::console {

struct ConsoleConfig {
    std::string pinHash;              // "$argon2id$v=19$…"; "" = no console on this terminal
    std::string outOfServiceMessage;  // "" = the translated default
    std::string openingHours;         // "Lundi au vendredi : 8 h 30 – 17 h" (free text, lines)
    int idleSeconds = 60;             // the console closes itself after this long without input
};

// Errors: "terminal.toml:LINE: what is wrong".
Result<ConsoleConfig> consoleConfigFrom(const TerminalConfig& terminal);

}  // namespace guichet::console
