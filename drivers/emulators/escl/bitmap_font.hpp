// A 5x7 bitmap font (capitals, digits, a little punctuation) so the emulated scanner can
// print readable text on its test page without a font file. Lower case is drawn in capitals.
#pragma once

#include <array>
#include <cstdint>

namespace guichet::emu {

// Seven rows, bit 4 = leftmost column. Unknown characters give a blank glyph.
const std::array<std::uint8_t, 7>& glyph5x7(char c);

}  // namespace guichet::emu
