// UTF-8 in, printable characters out: decoding (invalid bytes → '?'), composition of base +
// combining accent (so "e" + U+0301 prints as é), removal of control and invisible characters
// (nothing from a user or a server reaches the printer as a command), readable fallbacks.
#pragma once

#include <string>
#include <string_view>

namespace guichet::escpos {

// Decodes UTF-8; malformed sequences become U+FFFD.
std::u32string decodeUtf8(std::string_view text);
void appendUtf8(std::string& out, char32_t c);

// Composes pairs that NFC would compose into a character of a supported page, turns tabs and
// odd spaces into spaces, drops C0/C1 controls except '\n', DEL, zero-width and bidi marks,
// and combining marks left over after composition.
std::u32string sanitizeForPrint(std::u32string_view text);

// A readable ASCII stand-in for a character no page of the profile has: "oe" for œ, "EUR"
// for €, "'" for ’, the base letter for ā…; "?" when nothing fits.
std::string_view asciiFallback(char32_t c);

}  // namespace guichet::escpos
