#include "drivers/emulators/printer/printer_emulator.hpp"

#include <qrencode.h>

#include <algorithm>
#include <optional>
#include <string>

#include "drivers/emulators/printer/barcode.hpp"
#include "drivers/emulators/printer/epson_code_pages.hpp"
#include "drivers/emulators/printer/graphics_buffer.hpp"
#include "drivers/emulators/printer/keyed_graphics.hpp"
#include "drivers/escpos/code_page.hpp"

namespace guichet::emu {
namespace {

constexpr int kCharHeight = 24;   // font A: 12 × 24 dots
constexpr int kLineAdvance = 30;  // Epson's default line spacing

// nullopt for a page number neither the profile nor Epson's numbering gives a table for:
// its upper half is then shown as U+FFFD and reported, never guessed as another page.
std::optional<escpos::CodePage> pageForNumber(const escpos::PrinterProfile& p, std::uint8_t n) {
    for (const auto& slot : p.codePages)
        if (slot.number == n) return slot.page;
    switch (n) {  // Epson numbering for pages the profile does not list
        case 0: return escpos::CodePage::Cp437;
        case 2: return escpos::CodePage::Cp850;
        case 16: return escpos::CodePage::Cp1252;
        case 17: return escpos::CodePage::Cp866;
        case 18: return escpos::CodePage::Cp852;
        case 19: return escpos::CodePage::Cp858;
        default: return std::nullopt;
    }
}

bool onlyRealtime(std::span<const std::uint8_t> d) {
    if (d.empty() || d.size() % 3 != 0) return false;
    for (std::size_t i = 0; i < d.size(); i += 3)
        if (d[i] != 0x10 || (d[i + 1] != 0x04 && d[i + 1] != 0x05)) return false;
    return true;
}

}  // namespace

// The paper model: what each command does to the receipt in progress.
class PrinterEmulator::Handler final : public EscposHandler {
public:
    Handler(const escpos::PrinterProfile& p, PrinterEmulator& owner) : profile_(p), owner_(owner) {
        charWidth_ = std::max(1, p.widthDots / std::max(1, p.columnsFontA));
        paper_.widthDots = p.widthDots;
        reset();
    }

    void reset() {
        page_ = pageForNumber(profile_, 0).value_or(escpos::CodePage::Cp437);
        pageKnown_ = true;
        bold_ = false;
        underline_ = 0;
        sw_ = sh_ = 1;
        justify_ = 0;
        qrModule_ = 3;
        spacing_ = -1;
        extraPage_ = nullptr;
        barHeight_ = 162;
        barModule_ = 3;
        hriPosition_ = 0;
        hriFontB_ = false;
    }

    void text(std::uint8_t b) override {
        const char32_t c = b < 0x80 ? b
                           : extraPage_ ? static_cast<char32_t>(extraPage_->upper[b - 0x80])
                           : pageKnown_ ? escpos::decodeByte(page_, b)
                                        : U'\uFFFD';
        const int w = charWidth_ * sw_;
        if (cursor_ + w > profile_.widthDots) flushLine();  // printers wrap by themselves
        // A new run when the style changes or ESC $ / ESC \ moved the print position.
        if (line_.runs.empty() || !sameStyle(line_.runs.back()) || runEnd(line_.runs.back()) != cursor_)
            line_.runs.push_back(TextRun{{}, bold_, underline_, sw_, sh_, cursor_});
        line_.runs.back().text.push_back(c ? c : U'\uFFFD');
        advance(w);
    }
    void lineFeed() override {
        if (line_.runs.empty() && lineImages_.empty()) {
            paper_.height += spacing_ >= 0 ? spacing_ : kLineAdvance * sh_;
            cursor_ = extent_ = 0;
            return;
        }
        flushLine();
    }
    void lineSpacing(int units) override { spacing_ = units < 0 ? -1 : verticalDots(units); }
    // Units are the horizontal motion unit, a dot (1/203 in) on the TM-T20 family. A position
    // beyond the print area is ignored, as the printer does.
    void position(int units, bool relative) override {
        const int target = relative ? cursor_ + units : units;
        if (target < 0 || target > profile_.widthDots) return;
        cursor_ = target;
        extent_ = std::max(extent_, cursor_);
    }
    void lineImage(int width, int rows, std::span<const std::uint8_t> bits) override {
        PaperImage img;
        img.image.width = width;
        img.image.height = rows;
        img.image.bytesPerRow = (width + 7) / 8;
        img.image.bits.assign(bits.begin(), bits.end());
        img.y = paper_.height;
        img.x = cursor_;  // placed for real (justified) when the line is printed
        advance(width);
        lineImages_.push_back(paper_.images.size());
        paper_.images.push_back(std::move(img));
    }
    void initialize() override {
        flushLine();
        reset();
        graphics_.clear();
    }
    void codePage(std::uint8_t n) override {
        auto page = pageForNumber(profile_, n);
        extraPage_ = page ? nullptr : epsonPage(n);  // pages only other software sends
        pageKnown_ = page.has_value() || extraPage_;
        if (page) page_ = *page;
        else if (extraPage_) {}
        else if (std::find(owner_.unknownPages_.begin(), owner_.unknownPages_.end(), n) == owner_.unknownPages_.end())
            owner_.unknownPages_.push_back(n);
    }
    void bold(bool on) override { bold_ = on; }
    void underline(int d) override { underline_ = d; }
    void size(int w, int h) override {
        sw_ = w;
        sh_ = h;
    }
    void justify(int j) override { justify_ = std::clamp(j, 0, 2); }
    void feedLines(int n) override {
        flushLine();
        paper_.height += n * kLineAdvance;
    }
    void feedDots(int n) override {
        flushLine();
        paper_.height += verticalDots(n);
    }
    void cut(bool partial, int feed) override {
        flushLine();
        paper_.height += feed * kLineAdvance;
        paper_.cuts.push_back(CutMark{paper_.height, partial});
        owner_.receipts_.push_back(std::move(paper_));
        paper_ = Paper{};
        paper_.widthDots = profile_.widthDots;
        cutHappened_ = true;
    }
    void raster(int bytesPerRow, int rows, std::span<const std::uint8_t> bits, int) override {
        flushLine();
        PaperImage img;
        img.image.width = std::min(bytesPerRow * 8, profile_.widthDots * 2);
        img.image.height = rows;
        img.image.bytesPerRow = bytesPerRow;
        img.image.bits.assign(bits.begin(), bits.end());
        img.x = justifiedX(bytesPerRow * 8);
        img.y = paper_.height;
        paper_.height += rows;
        paper_.images.push_back(std::move(img));
    }
    void barcodeSetting(char which, int n) override {
        switch (which) {
            case 'h': if (n >= 1) barHeight_ = n; break;
            case 'w': if (n >= 1 && n <= 6) barModule_ = n; break;  // TM-T20III: 2-6 (1 on older models)
            case 'H': { const int v = n >= '0' && n <= '3' ? n - '0' : n; if (v <= 3) hriPosition_ = v; break; }
            case 'f': { const int v = n >= '0' && n <= '1' ? n - '0' : n; if (v <= 1) hriFontB_ = v == 1; break; }
            default: break;
        }
    }
    void barcode(int m, std::span<const std::uint8_t> data) override {
        flushLine();
        auto sym = symbologyForGsK(m);
        if (!sym) {
            owner_.problem("barcode GS k " + std::to_string(m) + ": symbology not supported by this printer, not printed");
            return;
        }
        BarcodeOutcome out = encodeBarcode(*sym, data);
        if (!out.pattern) {
            owner_.problem(std::string("invalid ") + symbologyName(*sym) + " barcode \"" + printable(data) + "\": " + out.error + ", not printed");
            return;
        }
        // Two-width symbologies: wide = 2.5 × narrow (rounded down), Epson's ratio.
        const int narrow = barModule_, wide = barModule_ * 5 / 2;
        PaperImage img;
        int total = 0;
        for (std::uint8_t w : out.pattern->widths) {
            img.barWidths.push_back(out.pattern->twoWidth ? (w == 2 ? wide : narrow) : w * barModule_);
            total += img.barWidths.back();
        }
        if (total > profile_.widthDots) {
            owner_.problem(std::string(symbologyName(*sym)) + " barcode \"" + printable(data) + "\" is " + std::to_string(total) +
                           " dots wide, wider than the paper: not printed");
            return;
        }
        img.symbology = symbologyName(*sym);
        img.barcodeText = out.pattern->hri;
        img.image.width = total;
        img.image.height = barHeight_;
        img.image.bytesPerRow = (total + 7) / 8;
        img.image.bits.assign(static_cast<std::size_t>(img.image.bytesPerRow) * barHeight_, 0);
        int x = 0;
        for (std::size_t i = 0; i < img.barWidths.size(); ++i) {
            if (i % 2 == 0)
                for (int dx = 0; dx < img.barWidths[i]; ++dx)
                    for (int y = 0; y < barHeight_; ++y)
                        img.image.bits[static_cast<std::size_t>(y) * img.image.bytesPerRow + (x + dx) / 8] |= static_cast<std::uint8_t>(0x80 >> ((x + dx) % 8));
            x += img.barWidths[i];
        }
        img.x = justifiedX(total);
        if (hriPosition_ & 1) hriLine(img.barcodeText, img.x, total);
        img.y = paper_.height;
        paper_.height += barHeight_;
        paper_.images.push_back(std::move(img));
        if (hriPosition_ & 2) hriLine(out.pattern->hri, justifiedX(total), total);
    }
    void graphicsStore(int width, int height, int sx, int sy, std::span<const std::uint8_t> bits) override {
        graphics_.store(width, height, sx, sy, bits);
    }
    void graphicsDefine(bool nv, const std::string& key, int width, int height, std::span<const std::uint8_t> bits) override {
        (nv ? owner_.nvGraphics_ : downloadGraphics_).define(key, width, height, bits);
    }
    void graphicsDelete(bool nv, const std::string& key) override {
        auto& store = nv ? owner_.nvGraphics_ : downloadGraphics_;
        if (key.empty()) store.clear();
        else store.erase(key);
    }
    void graphicsPrintKey(bool nv, const std::string& key, int sx, int sy) override {
        auto img = (nv ? owner_.nvGraphics_ : downloadGraphics_).get(key, sx, sy);
        if (!img) {
            owner_.problem(std::string(nv ? "NV" : "download") + " graphic \"" + key + "\" printed but never defined in this stream: blank");
            return;
        }
        printGraphic(std::move(*img));
    }
    void graphicsPrint() override {
        auto img = graphics_.take();
        if (!img) return;  // nothing stored: the printer prints nothing
        printGraphic(std::move(*img));
    }
    void printGraphic(escpos::BitImage&& img) {
        flushLine();
        PaperImage p;
        p.image = std::move(img);
        if (p.image.width > profile_.widthDots) owner_.problem("GS ( L graphic wider than the paper: cut at the right edge");
        p.x = justifiedX(std::min(p.image.width, profile_.widthDots));
        p.y = paper_.height;
        paper_.height += p.image.height;
        paper_.images.push_back(std::move(p));
    }
    void qrStore(std::span<const std::uint8_t> d) override { qrData_.assign(d.begin(), d.end()); }
    void qrModuleSize(int n) override { qrModule_ = std::clamp(n, 1, 16); }
    void qrErrorLevel(int) override {}
    void qrPrint() override {
        flushLine();
        QRcode* qr = QRcode_encodeData(static_cast<int>(qrData_.size()), reinterpret_cast<const unsigned char*>(qrData_.data()), 0, QR_ECLEVEL_M);
        if (!qr) return;  // a real printer prints nothing for data it cannot encode
        PaperImage img;
        const int side = qr->width * qrModule_;
        img.image.width = side;
        img.image.height = side;
        img.image.bytesPerRow = (side + 7) / 8;
        img.image.bits.assign(static_cast<std::size_t>(img.image.bytesPerRow) * side, 0);
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x)
                if (qr->data[(y / qrModule_) * qr->width + x / qrModule_] & 1)
                    img.image.bits[static_cast<std::size_t>(y) * img.image.bytesPerRow + x / 8] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
        QRcode_free(qr);
        img.isQr = true;
        img.qrData = qrData_;
        img.x = justifiedX(side);
        img.y = paper_.height;
        paper_.height += side;
        paper_.images.push_back(std::move(img));
    }
    void realtimeStatus(int n) override { owner_answer(statusByte(n)); }
    void transmitStatus(int n) override {
        std::uint8_t b = 0;
        if (n == 1 || n == 49) b = (owner_.nearEnd_ ? 0x03 : 0) | (owner_.paperOut_ ? 0x0C : 0);
        owner_answer(b);
    }
    void skipped(std::string_view) override {}
    void unknown(std::uint8_t, std::uint8_t) override { ++unknown_; }

    std::uint8_t statusByte(int n) const {
        std::uint8_t b = 0x12;
        switch (n) {
            case 1: break;  // online
            case 2:
                if (owner_.coverOpen_) b |= 0x04;
                if (owner_.paperOut_) b |= 0x20;
                break;
            case 3: break;
            case 4:
                if (owner_.nearEnd_ || owner_.paperOut_) b |= 0x0C;
                if (owner_.paperOut_) b |= 0x60;
                break;
            default: break;
        }
        return b;
    }

    void flushLine() {
        if (line_.runs.empty() && lineImages_.empty()) return;
        int h = 0;
        for (const auto& r : line_.runs) h = std::max(h, kCharHeight * r.scaleH);
        const int left = justifiedX(extent_);
        for (std::size_t i : lineImages_) {  // column images print within the line
            paper_.images[i].x += left;
            h = std::max(h, paper_.images[i].image.height);
        }
        lineImages_.clear();
        // ESC 3 spacing is what the printer advances (strips of a logo then touch), but never
        // less than what the line printed: receiptline sends ESC 3 0 and relies on the printer
        // feeding each line's height (Epson's own TM-T20 samples set spacing below the
        // character height too). Else the default, never less than the line's height.
        const int advance = spacing_ >= 0 ? std::max(spacing_, h) : std::max(kLineAdvance, h + 6);
        if (!line_.runs.empty()) {
            line_.height = h;
            line_.y = paper_.height;
            line_.justify = justify_;
            line_.x = left;
            paper_.lines.push_back(std::move(line_));
        }
        paper_.height += advance;
        line_ = PaperLine{};
        cursor_ = extent_ = 0;
    }

    Paper snapshot() const {
        Paper p = paper_;
        return p;
    }

    const escpos::PrinterProfile& profile_;
    PrinterEmulator& owner_;
    Paper paper_;
    PaperLine line_;
    Bytes answers_;
    escpos::CodePage page_ = escpos::CodePage::Cp437;
    bool pageKnown_ = true;
    bool bold_ = false;
    int underline_ = 0, sw_ = 1, sh_ = 1, justify_ = 0, qrModule_ = 3, charWidth_ = 12;
    int spacing_ = -1;                     // ESC 3 n, in dots; -1: the default
    std::vector<std::size_t> lineImages_;  // ESC * images of the line being built
    int cursor_ = 0, extent_ = 0;          // print position in the line, rightmost reached (dots)
    const EpsonPage* extraPage_ = nullptr; // an ESC t page only the emulator decodes
    int barHeight_ = 162, barModule_ = 3, hriPosition_ = 0;
    bool hriFontB_ = false;  // GS f 1
    GraphicsBuffer graphics_;
    KeyedGraphics downloadGraphics_;  // kept across ESC @; NV graphics live in the owner
    std::string qrData_;
    std::size_t unknown_ = 0;
    bool cutHappened_ = false;

private:
    void owner_answer(std::uint8_t b) { answers_.push_back(b); }
    bool sameStyle(const TextRun& r) const { return r.bold == bold_ && r.underline == underline_ && r.scaleW == sw_ && r.scaleH == sh_; }
    // ESC 3 / ESC J units to dots (rounded to the nearest dot).
    int verticalDots(int units) const {
        const int unit = std::max(1, profile_.verticalMotionUnit > 0 ? profile_.verticalMotionUnit : profile_.dpi);
        return (units * profile_.dpi + unit / 2) / unit;
    }
    int runEnd(const TextRun& r) const { return r.x + static_cast<int>(r.text.size()) * charWidth_ * r.scaleW; }
    void advance(int w) {
        cursor_ += w;
        extent_ = std::max(extent_, cursor_);
    }
    // The HRI characters, centred on the bars, as a text line of their own.
    void hriLine(const std::string& text, int barsX, int barsWidth) {
        PaperLine l;
        l.y = paper_.height;
        const int cellW = hriFontB_ ? 9 : charWidth_, cellH = hriFontB_ ? 17 : kCharHeight;
        l.height = cellH;
        l.x = std::max(0, barsX + (barsWidth - static_cast<int>(text.size()) * cellW) / 2);
        l.runs.push_back(TextRun{std::u32string(text.begin(), text.end()), false, 0, 1, 1, 0, hriFontB_});
        paper_.lines.push_back(std::move(l));
        paper_.height += cellH + 2;
    }
    static std::string printable(std::span<const std::uint8_t> d) {
        std::string s;
        for (std::uint8_t b : d) s += b >= 0x20 && b < 0x7F ? static_cast<char>(b) : '?';
        return s;
    }
    int justifiedX(int width) const {
        const int room = std::max(0, profile_.widthDots - width);
        return justify_ == 1 ? room / 2 : justify_ == 2 ? room : 0;
    }
};

PrinterEmulator::PrinterEmulator(escpos::PrinterProfile profile)
    : profile_(std::move(profile)), handler_(std::make_unique<Handler>(profile_, *this)), parser_(*handler_) {}

PrinterEmulator::~PrinterEmulator() = default;

bool PrinterEmulator::write(std::span<const std::uint8_t> data) {
    std::vector<Paper> finished;
    std::function<void(const Paper&)> onCut;
    {
        std::lock_guard lock(mutex_);
        if (paperEndsAt_ && bytesReceived_ >= paperEndsAt_ && !onlyRealtime(data)) paperOut_ = true;
        if ((paperOut_ || coverOpen_) && !onlyRealtime(data)) return false;
        bytesReceived_ += data.size();
        const std::size_t before = receipts_.size();
        parser_.feed(data);
        if (onCut_ && receipts_.size() > before) {
            finished.assign(receipts_.begin() + static_cast<std::ptrdiff_t>(before), receipts_.end());
            onCut = onCut_;
        }
        if (receiptLimit_ && receipts_.size() > receiptLimit_)
            receipts_.erase(receipts_.begin(), receipts_.end() - static_cast<std::ptrdiff_t>(receiptLimit_));
    }
    for (const auto& p : finished) onCut(p);  // outside the lock: it may write files
    return true;
}

bool PrinterEmulator::wouldAccept(std::span<const std::uint8_t> data) const {
    std::lock_guard lock(mutex_);
    if (onlyRealtime(data)) return true;
    const bool out = paperOut_ || (paperEndsAt_ && bytesReceived_ >= paperEndsAt_);
    return !out && !coverOpen_;
}

Bytes PrinterEmulator::takeAnswers(std::size_t max) {
    std::lock_guard lock(mutex_);
    auto& a = handler_->answers_;
    const std::size_t n = std::min(max, a.size());
    Bytes out(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n));
    a.erase(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n));
    return out;
}

void PrinterEmulator::finish() {
    std::lock_guard lock(mutex_);
    parser_.finish();
    handler_->flushLine();
}

void PrinterEmulator::setPaperNearEnd(bool v) {
    std::lock_guard lock(mutex_);
    nearEnd_ = v;
}
void PrinterEmulator::setPaperOut(bool v) {
    std::lock_guard lock(mutex_);
    paperOut_ = v;
}
void PrinterEmulator::setCoverOpen(bool v) {
    std::lock_guard lock(mutex_);
    coverOpen_ = v;
}
bool PrinterEmulator::paperOut() const {
    std::lock_guard lock(mutex_);
    return paperOut_;
}

void PrinterEmulator::paperRunsOutAfter(std::size_t bytes) {
    std::lock_guard lock(mutex_);
    paperEndsAt_ = bytes ? bytesReceived_ + bytes : 0;
}

std::vector<Paper> PrinterEmulator::takeReceipts() {
    std::lock_guard lock(mutex_);
    std::vector<Paper> out;
    out.swap(receipts_);
    return out;
}

std::size_t PrinterEmulator::receiptCount() const {
    std::lock_guard lock(mutex_);
    return receipts_.size();
}

Paper PrinterEmulator::currentPaper() const {
    std::lock_guard lock(mutex_);
    return handler_->snapshot();
}

Paper PrinterEmulator::wholeRoll() const {
    std::lock_guard lock(mutex_);
    Paper roll;
    roll.widthDots = profile_.widthDots;
    auto append = [&](const Paper& p) {
        const int dy = roll.height;
        for (auto l : p.lines) {
            l.y += dy;
            roll.lines.push_back(std::move(l));
        }
        for (auto i : p.images) {
            i.y += dy;
            roll.images.push_back(std::move(i));
        }
        for (auto c : p.cuts) {
            c.y += dy;
            roll.cuts.push_back(c);
        }
        roll.height += p.height;
    };
    for (const auto& p : receipts_) append(p);
    append(handler_->paper_);
    return roll;
}

void PrinterEmulator::setReceiptLimit(std::size_t n) {
    std::lock_guard lock(mutex_);
    receiptLimit_ = n;
}

void PrinterEmulator::setOnCut(std::function<void(const Paper&)> onCut) {
    std::lock_guard lock(mutex_);
    onCut_ = std::move(onCut);
}

std::size_t PrinterEmulator::bytesReceived() const {
    std::lock_guard lock(mutex_);
    return bytesReceived_;
}

void PrinterEmulator::problem(std::string what) {
    // Called under the lock, from the parser. Repeats are reported once.
    if (std::find(problems_.begin(), problems_.end(), what) == problems_.end()) problems_.push_back(std::move(what));
}

std::vector<std::string> PrinterEmulator::renderProblems() const {
    std::lock_guard lock(mutex_);
    return problems_;
}

std::vector<int> PrinterEmulator::unknownCodePages() const {
    std::lock_guard lock(mutex_);
    return unknownPages_;
}

std::size_t PrinterEmulator::unknownCommands() const {
    std::lock_guard lock(mutex_);
    return handler_->unknown_;
}

}  // namespace guichet::emu
