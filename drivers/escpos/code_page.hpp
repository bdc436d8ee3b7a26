// The single-byte code pages an ESC/POS printer may hold (Epson numbering differs per model,
// so the ESC t number lives in the profile): Unicode ↔ byte for each, ASCII shared by all.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace guichet::escpos {

enum class CodePage : std::uint8_t { Cp437, Cp850, Cp858, Cp1252, Cp852, Cp866 };
inline constexpr int kCodePageCount = 6;

const char* codePageName(CodePage page);                       // "cp858"
std::optional<CodePage> codePageFromName(std::string_view name);  // "cp858", "CP858", "858", "wpc1252"

// The byte for `c` in `page` (ASCII 0x20-0x7E maps to itself); nullopt if the page lacks it.
std::optional<std::uint8_t> encodeChar(CodePage page, char32_t c);
// The character a byte stands for (bytes < 0x80 are ASCII); 0 if the page leaves it undefined.
char32_t decodeByte(CodePage page, std::uint8_t byte);

}  // namespace guichet::escpos
