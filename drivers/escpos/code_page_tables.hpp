// Raw data behind the code pages (generated: gen_tables.py): upper halves 0x80-0xFF as
// Unicode, compositions that NFC would make, and base letters for accents no page has.
#pragma once

#include <cstddef>

namespace guichet::escpos::tables {

struct Composition {
    char16_t base, mark, composed;
};
struct BaseLetter {
    char16_t letter;
    char ascii;
};

extern const char16_t kCp437[128], kCp850[128], kCp858[128], kCp1252[128], kCp852[128], kCp866[128];
extern const Composition kCompositions[];
extern const std::size_t kCompositionCount;
extern const BaseLetter kBaseLetters[];
extern const std::size_t kBaseLetterCount;

}  // namespace guichet::escpos::tables
