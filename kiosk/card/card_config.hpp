// Which identifier the terminal reads from a resident's card (config/card.toml): a
// transparent file of an application (AID + file id) or a contactless card's UID.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace toml { inline namespace v3 { class table; } }

namespace guichet::card {

enum class IdentifierSource { ApplicationFile, ContactlessUid };
enum class IdentifierEncoding { Ascii, Hex };

struct CardConfig {
    IdentifierSource source = IdentifierSource::ApplicationFile;
    Bytes aid;                        // 5..16 bytes
    std::uint16_t fileId = 0;         // transparent EF inside the application
    int offset = 0;
    int length = 16;                  // bytes to read; a shorter file is fine
    IdentifierEncoding encoding = IdentifierEncoding::Ascii;
    std::chrono::milliseconds commandTimeout{3000};
    // The reader to use when several are plugged in: "usb:VID:PID" or "usb:VID:PID@PORT"
    // (as `guichetctl devices` shows it). "" = the first one seen. The others are listed as
    // ignored, never used behind the operator's back.
    std::string reader;
    // Operator warnings found while loading ("card.toml:3: warning: ..."), to log once.
    std::vector<std::string> warnings;
};

// Errors are "file:line: what is wrong" (InvalidArgument); `sourceName` names the file.
Result<CardConfig> parseCardConfig(std::string_view toml, const std::string& sourceName);
// The same from an already parsed file holding a [card] table (terminal.toml may carry it).
Result<CardConfig> cardConfigFromToml(const toml::table& root, const std::string& sourceName);
// The emulator's city card (demo mode): AID F0 "GUICHET", EF E101, 15 ASCII bytes.
CardConfig demoCardConfig();
Result<CardConfig> loadCardConfig(const std::string& path);

}  // namespace guichet::card
