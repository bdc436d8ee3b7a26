// Reads the configured identifier from a connected card (SELECT AID, SELECT file, READ
// BINARY; or the contactless UID), and says in plain French what went wrong. The result is
// personal data: the caller wipes it with the session; nothing here logs it.
#pragma once

#include <string>

#include "drivers/ccid/apdu.hpp"
#include "kiosk/card/card_config.hpp"

namespace guichet::card {

// Errors use a small, stable set of codes that the UI maps to messages (residentMessage):
//   Rejected — not a city card (no such application or file); Corrupt — unreadable content;
//   Timeout — card mute or removed too early; anything else — reading failed.
Result<std::string> readIdentifier(ccid::ApduChannel& channel, const CardConfig& config);

// What the resident sees for a failed read, with what to do about it.
std::string residentMessage(const Error& error);

}  // namespace guichet::card
