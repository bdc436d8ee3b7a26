#include "drivers/escpos/receipt_layout.hpp"

#include <algorithm>

#include "drivers/common/log.hpp"
#include "drivers/escpos/commands.hpp"
#include "drivers/escpos/qr_raster.hpp"

namespace guichet::escpos {
namespace {

// Epson's numbering, for a forced page the profile does not list.
std::uint8_t epsonNumber(CodePage p) {
    switch (p) {
        case CodePage::Cp437: return 0;
        case CodePage::Cp850: return 2;
        case CodePage::Cp1252: return 16;
        case CodePage::Cp866: return 17;
        case CodePage::Cp852: return 18;
        case CodePage::Cp858: return 19;
    }
    return 0;
}

// Emits style commands only when the printer's state must change.
class Writer {
public:
    Writer(const PrinterProfile& p, TextEncoder enc, Bytes& out) : profile_(p), enc_(std::move(enc)), out_(out) {}

    void init() {
        cmd::init(out_);
        enc_.reset();
        bold_ = false;
        underline_ = 0;
        scale_ = 1;
        justify_ = cmd::Justify::Left;
    }
    void bold(bool on) {
        if (on != bold_) cmd::bold(out_, bold_ = on);
    }
    void underline(int d) {
        if (d != underline_) cmd::underline(out_, underline_ = d);
    }
    void scale(int s) {
        if (s != scale_) cmd::size(out_, scale_ = s, s);
    }
    void justify(cmd::Justify j) {
        if (j != justify_) cmd::justify(out_, justify_ = j);
    }
    int columns() const { return std::max(1, profile_.columnsFontA / scale_); }

    void paragraph(std::string_view text) {
        auto cells = enc_.cells(text);
        for (auto [b, e] : wrapCells(cells, columns())) {
            enc_.emit(cells.data() + b, cells.data() + e, out_);
            out_.push_back('\n');
        }
    }
    void row(std::string_view label, std::string_view value) {
        const int cols = columns();
        auto l = enc_.cells(label), v = enc_.cells(value);
        std::replace_if(l.begin(), l.end(), [](const Cell& c) { return c.ch == '\n'; }, Cell{' ', 0});
        std::replace_if(v.begin(), v.end(), [](const Cell& c) { return c.ch == '\n'; }, Cell{' ', 0});
        const int dots = cols - static_cast<int>(l.size()) - static_cast<int>(v.size()) - 2;
        if (dots >= 1) {
            enc_.emit(l, out_);
            out_.push_back(' ');
            out_.insert(out_.end(), static_cast<std::size_t>(dots), '.');
            out_.push_back(' ');
            enc_.emit(v, out_);
            out_.push_back('\n');
            return;
        }
        // Too long for one line: the label wrapped, then the value right-aligned below.
        for (auto [b, e] : wrapCells(l, cols)) {
            enc_.emit(l.data() + b, l.data() + e, out_);
            out_.push_back('\n');
        }
        for (auto [b, e] : wrapCells(v, cols)) {
            out_.insert(out_.end(), static_cast<std::size_t>(cols - static_cast<int>(e - b)), ' ');
            enc_.emit(v.data() + b, v.data() + e, out_);
            out_.push_back('\n');
        }
    }
    void separator() {
        out_.insert(out_.end(), static_cast<std::size_t>(columns()), '-');
        out_.push_back('\n');
    }
    Bytes& out() { return out_; }
    const PrinterProfile& profile() const { return profile_; }

private:
    const PrinterProfile& profile_;
    TextEncoder enc_;
    Bytes& out_;
    bool bold_ = false;
    int underline_ = 0, scale_ = 1;
    cmd::Justify justify_ = cmd::Justify::Left;
};

cmd::Justify toJustify(doc::Align a) {
    return a == doc::Align::Center ? cmd::Justify::Center : a == doc::Align::Right ? cmd::Justify::Right : cmd::Justify::Left;
}

std::shared_ptr<const BitImage> processLogo(const std::string& path, int width) {
    auto img = loadImage(path);
    if (!img) {
        log::warning("escpos", "logo skipped: " + img.error().message);
        return nullptr;
    }
    return std::make_shared<const BitImage>(ditherFloydSteinberg(fitToPaper(*img, width, width)));
}

void finish(Writer& w) {
    const PrinterProfile& p = w.profile();
    w.justify(cmd::Justify::Left);
    if (p.cut == CutMode::Full) {
        cmd::cutFull(w.out(), p.cutFeedLines);
    } else if (p.cut == CutMode::Partial) {
        cmd::cutPartial(w.out(), p.cutFeedLines);
    } else {
        cmd::feedLines(w.out(), std::max(p.cutFeedLines, 4));  // up to the tear bar
    }
}

}  // namespace

std::shared_ptr<const BitImage> LogoCache::get(const std::string& path, int widthDots) {
    std::lock_guard lock(mutex_);
    auto key = std::make_pair(path, widthDots);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    auto img = processLogo(path, widthDots);
    if (img) cache_[key] = img;
    return img;
}

TextEncoder makeEncoder(const PrinterProfile& profile, std::optional<CodePage> forced) {
    if (!forced) return TextEncoder(profile.codePages);
    for (const auto& slot : profile.codePages)
        if (slot.page == *forced) return TextEncoder({slot});
    return TextEncoder({{*forced, epsonNumber(*forced)}});
}

std::vector<std::pair<std::size_t, std::size_t>> wrapCells(const std::vector<Cell>& cells, int columns) {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    const std::size_t width = static_cast<std::size_t>(std::max(1, columns));
    std::size_t start = 0;
    const std::size_t n = cells.size();
    auto isSpace = [&](std::size_t i) { return cells[i].ch == ' '; };
    while (start <= n) {
        // One source paragraph at a time ('\n' ends it).
        std::size_t para = start;
        while (para < n && cells[para].ch != '\n') ++para;
        std::size_t i = start;
        bool emitted = false;
        while (i < para) {
            while (i < para && isSpace(i)) ++i;  // no leading spaces on a wrapped line
            if (i >= para) break;
            std::size_t end = std::min(para, i + width);
            if (end < para && !isSpace(end)) {
                std::size_t back = end;
                while (back > i && !isSpace(back - 1)) --back;
                if (back > i) end = back;  // break at the last space; else split the long word
            }
            std::size_t trimmed = end;
            while (trimmed > i && isSpace(trimmed - 1)) --trimmed;
            lines.emplace_back(i, trimmed);
            emitted = true;
            i = end;
        }
        if (!emitted) lines.emplace_back(start, start);  // an empty paragraph is an empty line
        if (para >= n) break;
        start = para + 1;
    }
    return lines;
}

Bytes layoutReceipt(const doc::ReceiptDocument& receipt, const PrinterProfile& profile, const LayoutOptions& options) {
    Bytes out;
    out.reserve(32 * 1024);
    Writer w(profile, makeEncoder(profile, options.forcedCodePage), out);
    w.init();
    for (const auto& element : receipt.elements) {
        if (const auto* t = std::get_if<doc::Text>(&element)) {
            w.justify(toJustify(t->align));
            w.bold(t->bold);
            w.underline(t->underline ? 1 : 0);
            w.scale(t->large ? 2 : 1);
            w.paragraph(t->text);
            w.scale(1);
            w.underline(0);
            w.bold(false);
        } else if (const auto* r = std::get_if<doc::Row>(&element)) {
            w.justify(cmd::Justify::Left);
            w.bold(r->bold);
            w.row(r->label, r->value);
            w.bold(false);
        } else if (std::holds_alternative<doc::Separator>(element)) {
            w.justify(cmd::Justify::Left);
            w.separator();
        } else if (const auto* q = std::get_if<doc::Qr>(&element)) {
            if (!qrFits(q->data)) {
                log::warning("escpos", "QR skipped: " + std::to_string(q->data.size()) + " bytes do not fit a QR code");
            } else if (profile.nativeQr) {
                w.justify(cmd::Justify::Center);
                cmd::qrModel2(out);
                cmd::qrModuleSize(out, profile.qrModuleSize);
                cmd::qrErrorLevel(out, cmd::QrLevel::M);
                cmd::qrStore(out, q->data);
                cmd::qrPrint(out);
                out.push_back('\n');
            } else if (auto img = rasterQr(q->data, std::max(2, profile.qrModuleSize - 2), profile.widthDots)) {
                w.justify(cmd::Justify::Left);
                appendRaster(out, *img, profile.rasterBandRows);
            } else {
                log::warning("escpos", "QR skipped: " + img.error().message);
            }
            if (!q->caption.empty()) {
                w.justify(cmd::Justify::Center);
                w.paragraph(q->caption);
            }
        } else if (const auto* l = std::get_if<doc::Logo>(&element)) {
            std::string path = l->path;
            if (!path.empty() && path[0] != '/' && !options.assetDir.empty()) path = options.assetDir + "/" + path;
            auto img = options.logos ? options.logos->get(path, profile.widthDots) : processLogo(path, profile.widthDots);
            if (img) {
                w.justify(cmd::Justify::Left);
                appendRaster(out, *img, profile.rasterBandRows);
            }
        } else if (const auto* f = std::get_if<doc::Feed>(&element)) {
            cmd::feedLines(out, f->lines);
        }
    }
    if (receipt.cut) finish(w);
    return out;
}

Bytes layoutPlainText(std::string_view utf8, const PrinterProfile& profile, const LayoutOptions& options) {
    Bytes out;
    Writer w(profile, makeEncoder(profile, options.forcedCodePage), out);
    w.init();
    w.paragraph(utf8);
    finish(w);
    return out;
}

}  // namespace guichet::escpos
