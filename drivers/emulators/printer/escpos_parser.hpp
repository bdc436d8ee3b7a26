// A streaming ESC/POS parser: bytes in (any split), commands out to a handler. Commands it
// does not act on are skipped by their known lengths; unknown ones by their prefix only, so a
// foreign or broken stream never derails the rest. A truncated tail waits for more bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "drivers/common/bytes.hpp"

namespace guichet::emu {

class EscposHandler {
public:
    virtual ~EscposHandler() = default;
    virtual void text(std::uint8_t byte) = 0;  // a printable byte in the current code page
    virtual void lineFeed() = 0;
    virtual void initialize() = 0;
    virtual void codePage(std::uint8_t n) = 0;
    virtual void bold(bool on) = 0;
    virtual void underline(int dots) = 0;
    virtual void size(int width, int height) = 0;
    virtual void justify(int j) = 0;
    virtual void feedLines(int n) = 0;
    virtual void feedDots(int n) = 0;
    virtual void cut(bool partial, int feedLines) = 0;
    virtual void raster(int bytesPerRow, int rows, std::span<const std::uint8_t> bits, int mode) = 0;
    // ESC * column image, turned into rows (MSB left) at the printer's dots: printed within
    // the current line, which advances at the next line feed.
    // Rows are (width + 7) / 8 bytes.
    virtual void lineImage(int width, int rows, std::span<const std::uint8_t> bits) { (void)width; (void)rows; (void)bits; }
    virtual void lineSpacing(int dots) { (void)dots; }  // ESC 3 n; -1: the default (ESC 2)
    // ESC $ (absolute, from the line's start) / ESC \ (relative, signed) print position.
    virtual void position(int units, bool relative) { (void)units; (void)relative; }
    // GS h (height), GS w (module width), GS H (HRI position), GS f (HRI font): raw n.
    virtual void barcodeSetting(char which, int n) { (void)which; (void)n; }
    // GS k m data (data without the NUL or the length byte).
    virtual void barcode(int m, std::span<const std::uint8_t> data) { (void)m; (void)data; }
    // GS ( L / GS 8 L fn 112: raster graphics into the print buffer (rows of (width+7)/8
    // bytes, MSB left), scaled bx × by when printed; fn 50 prints what was stored.
    virtual void graphicsStore(int width, int height, int scaleX, int scaleY, std::span<const std::uint8_t> bits) {
        (void)width; (void)height; (void)scaleX; (void)scaleY; (void)bits;
    }
    virtual void graphicsPrint() {}
    // fn 67 / 83: define an NV (nv = true) or download graphic under a key (colour 1 only);
    // fn 69 / 85: print it scaled; fn 65/66, 81/82: delete all / one (empty key = all).
    virtual void graphicsDefine(bool nv, const std::string& key, int width, int height, std::span<const std::uint8_t> bits) {
        (void)nv; (void)key; (void)width; (void)height; (void)bits;
    }
    virtual void graphicsPrintKey(bool nv, const std::string& key, int scaleX, int scaleY) { (void)nv; (void)key; (void)scaleX; (void)scaleY; }
    virtual void graphicsDelete(bool nv, const std::string& key) { (void)nv; (void)key; }
    virtual void qrStore(std::span<const std::uint8_t> data) = 0;
    virtual void qrModuleSize(int n) = 0;
    virtual void qrErrorLevel(int level) = 0;
    virtual void qrPrint() = 0;
    virtual void realtimeStatus(int n) = 0;      // DLE EOT n
    virtual void transmitStatus(int n) = 0;      // GS r n
    virtual void skipped(std::string_view what) = 0;  // a command recognised and ignored
    virtual void unknown(std::uint8_t prefix, std::uint8_t code) = 0;
};

class EscposParser {
public:
    explicit EscposParser(EscposHandler& handler) : handler_(handler) {}
    // Parses as far as complete commands go; an incomplete tail is kept for the next call.
    void feed(std::span<const std::uint8_t> bytes);
    // End of stream: a truncated tail is dropped (reported as skipped).
    void finish();
    std::size_t pendingBytes() const { return pending_.size(); }
    // Caps a single command's declared size (a forged GS v 0 header cannot eat memory).
    static constexpr std::size_t kMaxCommandBytes = 8u << 20;

private:
    // Returns bytes consumed by the command at `p`, or 0 if it needs more bytes.
    std::size_t parseOne(const std::uint8_t* p, std::size_t n);
    std::size_t parseEsc(const std::uint8_t* p, std::size_t n);
    std::size_t parseGs(const std::uint8_t* p, std::size_t n);
    std::size_t parseGsParen(const std::uint8_t* p, std::size_t n);
    void graphics(const std::uint8_t* body, std::size_t size);  // GS ( L / GS 8 L after the length
    std::size_t parseDle(const std::uint8_t* p, std::size_t n);
    std::size_t parseFs(const std::uint8_t* p, std::size_t n);

    EscposHandler& handler_;
    Bytes pending_;
};

}  // namespace guichet::emu
