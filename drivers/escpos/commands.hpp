// ESC/POS command bytes (PROTOCOLS.md §1), appended to a buffer. Pure: no state, no I/O;
// every function here has a byte-exact test in tests/escpos.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "drivers/common/bytes.hpp"

namespace guichet::escpos::cmd {

enum class Justify : std::uint8_t { Left = 0, Center = 1, Right = 2 };
enum class QrLevel : std::uint8_t { L = 0x30, M = 0x31, Q = 0x32, H = 0x33 };
enum class StatusQuery : std::uint8_t { Printer = 1, OfflineCause = 2, Error = 3, Paper = 4 };

void init(Bytes& out);                                  // ESC @
void codePage(Bytes& out, std::uint8_t n);              // ESC t n
void bold(Bytes& out, bool on);                         // ESC E n
void underline(Bytes& out, int dots);                   // ESC - n (0, 1, 2)
void size(Bytes& out, int width, int height);           // GS ! n, each 1..8
void justify(Bytes& out, Justify j);                    // ESC a n
void feedLines(Bytes& out, int n);                      // ESC d n (0..255)
void cutFull(Bytes& out, int feedLines);                // GS V A n
void cutPartial(Bytes& out, int feedLines);             // GS V B n

// GS v 0: `rows` rows of `bytesPerRow` bytes, MSB = leftmost dot, 1 = black.
void rasterImage(Bytes& out, int bytesPerRow, int rows, std::span<const std::uint8_t> bits);

void qrModel2(Bytes& out);                              // GS ( k … 31 41 32 00
void qrModuleSize(Bytes& out, int n);                   // 1..16
void qrErrorLevel(Bytes& out, QrLevel level);
void qrStore(Bytes& out, std::string_view data);        // pL pH = byte count + 3
void qrPrint(Bytes& out);

void statusQuery(Bytes& out, StatusQuery n);            // DLE EOT n
void autoStatusBack(Bytes& out, std::uint8_t mask);     // GS a n

}  // namespace guichet::escpos::cmd
