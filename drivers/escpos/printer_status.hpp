// Decoding of DLE EOT real-time status answers into what the terminal shows: ready, paper
// low, paper out, cover open, error — or unknown when the printer does not answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace guichet::escpos {

// A DLE EOT answer has bits 1 and 4 set, bits 0 and 7 clear.
inline bool isRealtimeStatusByte(std::uint8_t b) { return (b & 0x93) == 0x12; }

struct PrinterStatus {
    bool known = false;        // false: the printer gave no (valid) answer
    bool offline = false;      // n=1 bit 3
    bool coverOpen = false;    // n=2 bit 2
    bool paperStop = false;    // n=2 bit 5: stopped by paper end
    bool error = false;        // n=2 bit 6, n=3 bits 3/5/6
    bool cutterError = false;  // n=3 bit 3
    bool unrecoverable = false;
    bool paperNearEnd = false; // n=4 bits 2-3
    bool paperOut = false;     // n=4 bits 5-6

    bool canPrint() const { return known && !offline && !coverOpen && !paperOut && !paperStop && !error; }
    std::string describe() const;  // for the operator: "ready", "paper near end", …
};

// Fold one answer to DLE EOT n into `status`; false if the byte is not a status answer.
bool applyStatusByte(PrinterStatus& status, int n, std::uint8_t byte);

}  // namespace guichet::escpos
