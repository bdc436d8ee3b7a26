#include "drivers/escpos/printer_status.hpp"

namespace guichet::escpos {

bool applyStatusByte(PrinterStatus& s, int n, std::uint8_t b) {
    if (!isRealtimeStatusByte(b)) return false;
    switch (n) {
        case 1: s.offline = b & 0x08; break;
        case 2:
            s.coverOpen = b & 0x04;
            s.paperStop = b & 0x20;
            s.error = s.error || (b & 0x40);
            break;
        case 3:
            s.cutterError = b & 0x08;
            s.unrecoverable = b & 0x20;
            s.error = s.error || (b & 0x68);
            break;
        case 4:
            s.paperNearEnd = (b & 0x0C) != 0;
            s.paperOut = (b & 0x60) != 0;
            break;
        default: return false;
    }
    s.known = true;
    return true;
}

std::string PrinterStatus::describe() const {
    if (!known) return "unknown (no status answer)";
    if (coverOpen) return "cover open";
    if (paperOut || paperStop) return "paper out";
    if (cutterError) return "cutter error";
    if (error) return unrecoverable ? "unrecoverable error" : "error";
    if (offline) return "offline";
    if (paperNearEnd) return "paper near end";
    return "ready";
}

}  // namespace guichet::escpos
