// Minimal UTF-8 decoding for the validators (names, free text): code points in, and a
// flag for malformed bytes, which a touch keyboard never produces but a paste might.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::validation {

// Decodes `s`; returns false on malformed UTF-8 (overlong, truncated, surrogates).
bool decodeUtf8(std::string_view s, std::vector<char32_t>& out);
void appendUtf8(std::string& out, char32_t cp);
// Lower-case ASCII + folds common Latin accents (é→e, ç→c, œ→oe): for lenient matching
// of commune names typed without accents.
std::string foldForMatch(std::string_view s);

}  // namespace guichet::validation
