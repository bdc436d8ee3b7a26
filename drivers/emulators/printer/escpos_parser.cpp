#include "drivers/emulators/printer/escpos_parser.hpp"

#include <algorithm>

namespace guichet::emu {
namespace {

constexpr std::uint8_t ESC = 0x1B, GS = 0x1D, DLE = 0x10, FS = 0x1C;
constexpr std::size_t kNeedMore = 0;

}  // namespace

void EscposParser::feed(std::span<const std::uint8_t> bytes) {
    const std::uint8_t* p;
    std::size_t n;
    if (pending_.empty()) {
        p = bytes.data();
        n = bytes.size();
    } else {
        pending_.insert(pending_.end(), bytes.begin(), bytes.end());
        p = pending_.data();
        n = pending_.size();
    }
    std::size_t off = 0;
    while (off < n) {
        std::size_t used = parseOne(p + off, n - off);
        if (used == kNeedMore) break;
        off += used;
    }
    if (p == pending_.data()) {
        pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(off));
    } else {
        pending_.assign(p + off, p + n);
    }
}

void EscposParser::finish() {
    if (!pending_.empty()) handler_.skipped("truncated command at end of stream");
    pending_.clear();
}

namespace {

// Many commands take n as a binary value or as the ASCII digit ('0' = 48 means 0).
int binaryOrDigit(std::uint8_t n) { return n >= '0' && n <= '9' ? n - '0' : n; }

// ESC * m nL nH d…: columns top to bottom (8 dots: 1 byte, 24 dots: 3 bytes a column),
// MSB at the top. Single-density modes (0, 32) are half as dense across, 8-dot modes a
// third as dense down (67.7 dpi vs 203): each dot is repeated to the printer's grid.
Bytes columnsToRows(std::uint8_t m, const std::uint8_t* d, std::size_t cols, int& width, int& rows) {
    const int bytesPerCol = (m == 32 || m == 33) ? 3 : 1;
    const int xRep = (m == 0 || m == 32) ? 2 : 1;
    const int yRep = bytesPerCol == 1 ? 3 : 1;
    width = static_cast<int>(cols) * xRep;
    const int bytesPerRow = (width + 7) / 8;
    rows = bytesPerCol * 8 * yRep;
    Bytes bits(static_cast<std::size_t>(bytesPerRow) * rows, 0);
    for (std::size_t c = 0; c < cols; ++c)
        for (int dot = 0; dot < bytesPerCol * 8; ++dot) {
            if (!(d[c * bytesPerCol + dot / 8] & (0x80 >> (dot % 8)))) continue;
            for (int dx = 0; dx < xRep; ++dx)
                for (int dy = 0; dy < yRep; ++dy) {
                    const int x = static_cast<int>(c) * xRep + dx, y = dot * yRep + dy;
                    bits[static_cast<std::size_t>(y) * bytesPerRow + x / 8] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
                }
        }
    return bits;
}

}  // namespace

std::size_t EscposParser::parseOne(const std::uint8_t* p, std::size_t n) {
    const std::uint8_t b = p[0];
    if (b >= 0x20 && b != 0x7F) {
        handler_.text(b);
        return 1;
    }
    switch (b) {
        case 0x0A: handler_.lineFeed(); return 1;
        case 0x09: handler_.text(' '); return 1;
        case ESC: return n < 2 ? kNeedMore : parseEsc(p, n);
        case GS: return n < 2 ? kNeedMore : parseGs(p, n);
        case DLE: return n < 2 ? kNeedMore : parseDle(p, n);
        case FS: return n < 2 ? kNeedMore : parseFs(p, n);
        default: return 1;  // CR, FF, NUL and other C0 bytes: nothing to print
    }
}

std::size_t EscposParser::parseEsc(const std::uint8_t* p, std::size_t n) {
    const std::uint8_t c = p[1];
    auto need = [&](std::size_t k) { return n >= k; };
    switch (c) {
        case '@': handler_.initialize(); return 2;
        case 't': if (!need(3)) return kNeedMore; handler_.codePage(p[2]); return 3;
        case 'E': if (!need(3)) return kNeedMore; handler_.bold(p[2] & 1); return 3;
        case '-': {  // 0/'0' off, 1/'1' one dot, 2/'2' two dots; other values are ignored
            if (!need(3)) return kNeedMore;
            const int d = binaryOrDigit(p[2]);
            if (d <= 2) handler_.underline(d);
            return 3;
        }
        case 'a': if (!need(3)) return kNeedMore; handler_.justify(binaryOrDigit(p[2])); return 3;
        case '3': if (!need(3)) return kNeedMore; handler_.lineSpacing(p[2]); return 3;
        case '2': handler_.lineSpacing(-1); return 2;
        case 'd': if (!need(3)) return kNeedMore; handler_.feedLines(p[2]); return 3;
        case 'J': if (!need(3)) return kNeedMore; handler_.feedDots(p[2]); return 3;
        case '!':
            if (!need(3)) return kNeedMore;
            handler_.bold(p[2] & 0x08);
            handler_.size(p[2] & 0x20 ? 2 : 1, p[2] & 0x10 ? 2 : 1);
            handler_.underline(p[2] & 0x80 ? 1 : 0);
            return 3;
        case 'i': handler_.cut(false, 0); return 2;
        case 'm': handler_.cut(true, 0); return 2;
        case '<': case 'L': case 'S': case 'v': handler_.skipped("ESC without parameter"); return 2;
        // One parameter byte, no effect on the paper model.
        case 'M': case 'G': case '{': case 'R': case 'r': case 'U': case 'V': case '=': case ' ':
        case 'T': case 'e': case 'c': case 'u':
            if (c == 'c') {  // ESC c 3 n / ESC c 4 n / ESC c 5 n: two bytes
                if (!need(4)) return kNeedMore;
                handler_.skipped("ESC c");
                return 4;
            }
            if (!need(3)) return kNeedMore;
            handler_.skipped("ESC n");
            return 3;
        case '$': case '\\': {
            if (!need(4)) return kNeedMore;
            const int v = p[2] | (p[3] << 8);
            // ESC \ is a signed 16-bit offset (a move to the left is 65536 - n).
            handler_.position(c == '$' ? v : static_cast<std::int16_t>(v), c == '\\');
            return 4;
        }
        case 'p':
            if (!need(5)) return kNeedMore;
            handler_.skipped("ESC p drawer pulse");
            return 5;
        case 'D': {  // tab stops: list ended by NUL (at most 32)
            for (std::size_t i = 2; i < n && i < 35; ++i)
                if (p[i] == 0) {
                    handler_.skipped("ESC D");
                    return i + 1;
                }
            if (n >= 35) return 35;
            return kNeedMore;
        }
        case '*': {  // bit image: m nL nH data (m 0/1: n bytes, 32/33: 3n bytes)
            if (!need(5)) return kNeedMore;
            const std::size_t cols = p[3] | (p[4] << 8);
            const std::size_t len = 5 + cols * ((p[2] == 32 || p[2] == 33) ? 3 : 1);
            if (!need(len)) return kNeedMore;
            const std::uint8_t m = p[2];
            if (m != 0 && m != 1 && m != 32 && m != 33) {
                handler_.skipped("ESC * with an unknown density");
                return len;
            }
            int width = 0, rows = 0;
            Bytes bits = columnsToRows(m, p + 5, cols, width, rows);
            handler_.lineImage(width, rows, bits);
            return len;
        }
        default:
            handler_.unknown(ESC, c);
            return 2;
    }
}

std::size_t EscposParser::parseGs(const std::uint8_t* p, std::size_t n) {
    const std::uint8_t c = p[1];
    auto need = [&](std::size_t k) { return n >= k; };
    switch (c) {
        case '!': if (!need(3)) return kNeedMore; handler_.size(((p[2] >> 4) & 7) + 1, (p[2] & 7) + 1); return 3;
        case 'V': {
            if (!need(3)) return kNeedMore;
            const std::uint8_t m = p[2];
            if (m == 0 || m == 1 || m == '0' || m == '1') {
                handler_.cut(m == 1 || m == '1', 0);
                return 3;
            }
            if (!need(4)) return kNeedMore;
            handler_.cut(m == 66 || m == 98 || m == 104, p[3]);
            return 4;
        }
        case 'v': {  // GS v 0 m xL xH yL yH data
            if (!need(8)) return kNeedMore;
            if (p[2] != '0') {
                handler_.unknown(GS, c);
                return 2;
            }
            const std::size_t x = p[4] | (p[5] << 8), y = p[6] | (p[7] << 8);
            const std::size_t len = 8 + x * y;
            if (x * y > kMaxCommandBytes) {
                handler_.skipped("GS v 0 with an absurd size: header dropped");
                return 8;
            }
            if (!need(len)) return kNeedMore;
            handler_.raster(static_cast<int>(x), static_cast<int>(y), std::span<const std::uint8_t>(p + 8, x * y), p[3]);
            return len;
        }
        case '(': return parseGsParen(p, n);
        case 'r': if (!need(3)) return kNeedMore; handler_.transmitStatus(p[2]); return 3;
        case 'H': case 'h': case 'w': case 'f':
            if (!need(3)) return kNeedMore;
            handler_.barcodeSetting(static_cast<char>(c), p[2]);
            return 3;
        case 'a': case 'B': case 'b': case 'I': case '/': case 'E': case 'j':
            if (!need(3)) return kNeedMore;
            handler_.skipped("GS n");
            return 3;
        case 'L': case 'W': case '$': case '\\': case 'P':
            if (!need(4)) return kNeedMore;
            handler_.skipped("GS nL nH");
            return 4;
        case '*': {  // downloaded bit image: x y data(x*y*8)
            if (!need(4)) return kNeedMore;
            const std::size_t len = 4 + static_cast<std::size_t>(p[2]) * p[3] * 8;
            if (!need(len)) return kNeedMore;
            handler_.skipped("GS * image");
            return len;
        }
        case 'k': {  // barcode: m < 65 → data NUL-terminated; m >= 65 → n then data
            if (!need(3)) return kNeedMore;
            if (p[2] < 65) {
                for (std::size_t i = 3; i < n && i < 259; ++i)
                    if (p[i] == 0) {
                        handler_.barcode(p[2], std::span<const std::uint8_t>(p + 3, i - 3));
                        return i + 1;
                    }
                if (n < 259) return kNeedMore;
                handler_.barcode(p[2], {});  // no NUL within 255 bytes: an invalid barcode
                return 259;
            }
            if (!need(4)) return kNeedMore;
            const std::size_t len = 4 + p[3];
            if (!need(len)) return kNeedMore;
            handler_.barcode(p[2], std::span<const std::uint8_t>(p + 4, p[3]));
            return len;
        }
        case '8': {  // GS 8 L p1 p2 p3 p4 m fn …: 32-bit length
            if (!need(7)) return kNeedMore;
            const std::size_t body = static_cast<std::size_t>(p[3]) | p[4] << 8 | p[5] << 16 | static_cast<std::size_t>(p[6]) << 24;
            if (body > kMaxCommandBytes) {
                handler_.skipped("GS 8 L with an absurd size: header dropped");
                return 7;
            }
            if (!need(7 + body)) return kNeedMore;
            if (p[2] == 'L') graphics(p + 7, body);
            else handler_.skipped("GS 8 command");
            return 7 + body;
        }
        default:
            handler_.unknown(GS, c);
            return 2;
    }
}

std::size_t EscposParser::parseGsParen(const std::uint8_t* p, std::size_t n) {
    // GS ( fn pL pH body: every GS ( command carries its own length.
    if (n < 5) return kNeedMore;
    const std::size_t body = p[3] | (p[4] << 8);
    if (n < 5 + body) return kNeedMore;
    const std::uint8_t* b = p + 5;
    if (p[2] == 'k' && body >= 3 && b[0] == 0x31) {  // QR code (cn 49)
        switch (b[1]) {
            case 0x41: break;  // model
            case 0x43: handler_.qrModuleSize(b[2]); break;
            case 0x45: handler_.qrErrorLevel(b[2] - 0x30); break;
            case 0x50: handler_.qrStore(std::span<const std::uint8_t>(b + 3, body - 3)); break;
            case 0x51: handler_.qrPrint(); break;
            default: handler_.skipped("GS ( k QR function"); break;
        }
    } else if (p[2] == 'L') {
        graphics(b, body);
    } else {
        handler_.skipped("GS ( command");
    }
    return 5 + body;
}

void EscposParser::graphics(const std::uint8_t* b, std::size_t size) {
    // m fn …: fn 112 stores raster graphics (a bx by c xL xH yL yH data), fn 50 (or 2) prints
    // them. NV and download graphics (fn 67/69/83/85) and the capacity queries are skipped.
    if (size < 2) {
        handler_.skipped("GS ( L without a function");
        return;
    }
    const std::uint8_t fn = b[1];
    if (fn == 50 || fn == 2) {
        handler_.graphicsPrint();
        return;
    }
    const auto key = [&](std::size_t at) { return std::string(reinterpret_cast<const char*>(b + at), 2); };
    switch (fn) {
        case 65: handler_.graphicsDelete(true, {}); return;    // NV: delete all ("CLR" follows)
        case 81: handler_.graphicsDelete(false, {}); return;   // download: delete all
        case 66: case 82:                                      // delete one: m fn kc1 kc2
            if (size >= 4) handler_.graphicsDelete(fn == 66, key(2));
            return;
        case 69: case 85:                                      // print: m fn kc1 kc2 x y
            if (size >= 6 && (b[4] == 1 || b[4] == 2) && (b[5] == 1 || b[5] == 2)) handler_.graphicsPrintKey(fn == 69, key(2), b[4], b[5]);
            else handler_.skipped("GS ( L print by key with bad parameters");
            return;
        case 67: case 83: {  // define: m fn a kc1 kc2 b xL xH yL yH [c data] × b
            if (size < 11 || b[2] != 48) {
                handler_.skipped("GS ( L define: not a raster graphic");
                return;
            }
            const int w = b[6] | (b[7] << 8), h = b[8] | (b[9] << 8);
            const std::size_t plane = static_cast<std::size_t>((w + 7) / 8) * static_cast<std::size_t>(h);
            if (w == 0 || h == 0 || size < 11 + plane || b[10] != 49) {
                handler_.skipped("GS ( L define with bad parameters");
                return;
            }
            handler_.graphicsDefine(fn == 67, key(3), w, h, std::span<const std::uint8_t>(b + 11, plane));
            return;
        }
        default: break;
    }
    if (fn != 112) {
        handler_.skipped("GS ( L function");
        return;
    }
    if (size < 10) {
        handler_.skipped("GS ( L fn 112 too short");
        return;
    }
    const int bx = b[3], by = b[4], color = b[5];
    const int width = b[6] | (b[7] << 8), height = b[8] | (b[9] << 8);
    const std::size_t bytes = static_cast<std::size_t>((width + 7) / 8) * static_cast<std::size_t>(height);
    if ((bx != 1 && bx != 2) || (by != 1 && by != 2) || size - 10 < bytes || width == 0 || height == 0) {
        handler_.skipped("GS ( L fn 112 with bad parameters");
        return;
    }
    if (color != 49) {  // colours 2-4 exist on two-colour printers only: nothing on this paper
        handler_.skipped("GS ( L fn 112 colour other than 1");
        return;
    }
    handler_.graphicsStore(width, height, bx, by, std::span<const std::uint8_t>(b + 10, bytes));
}

std::size_t EscposParser::parseDle(const std::uint8_t* p, std::size_t n) {
    switch (p[1]) {
        case 0x04: if (n < 3) return kNeedMore; handler_.realtimeStatus(p[2]); return 3;
        case 0x05: if (n < 3) return kNeedMore; handler_.skipped("DLE ENQ"); return 3;
        case 0x14: if (n < 5) return kNeedMore; handler_.skipped("DLE DC4"); return 5;
        default: return 1;  // a lone DLE is just a control byte
    }
}

std::size_t EscposParser::parseFs(const std::uint8_t* p, std::size_t n) {
    switch (p[1]) {
        case '.': case '&': handler_.skipped("FS kanji mode"); return 2;
        case '!': case '-': case 'C': case 'W':
            if (n < 3) return kNeedMore;
            handler_.skipped("FS n");
            return 3;
        case 'S': case 'p':
            if (n < 4) return kNeedMore;
            handler_.skipped("FS n m");
            return 4;
        case '(': {
            if (n < 5) return kNeedMore;
            const std::size_t len = 5 + (p[3] | (p[4] << 8));
            if (n < len) return kNeedMore;
            handler_.skipped("FS ( command");
            return len;
        }
        default:
            handler_.unknown(FS, p[1]);
            return 2;
    }
}

}  // namespace guichet::emu
