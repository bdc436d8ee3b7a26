// guichetctl escpos: encode UTF-8 text exactly as the driver would, render any ESC/POS file
// with the emulator, list the printer profiles.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "drivers/emulators/printer/paper_png.hpp"
#include "drivers/emulators/printer/printer_emulator.hpp"
#include "drivers/escpos/receipt_layout.hpp"
#include "kiosk/ctl/command_registry.hpp"
#include "kiosk/devices/printer_profiles.hpp"

using namespace guichet;

namespace {

int usage() {
    std::fprintf(stderr,
                 "usage: guichetctl escpos encode --profile NAME [--codepage cpNNN] < text.txt > out.bin\n"
                 "       guichetctl escpos render --profile NAME IN.bin --png OUT.png\n"
                 "       guichetctl escpos profiles\n"
                 "options: --profiles DIR (default %s)\n",
                 PrinterProfiles::defaultDirectory().c_str());
    return 2;
}

struct Options {
    std::string profile, codepage, png, input, profilesDir = PrinterProfiles::defaultDirectory();
};

bool parse(const ctl::Args& a, Options& o) {
    for (std::size_t i = 1; i < a.size(); ++i) {
        auto value = [&](std::string& into) {
            if (i + 1 >= a.size()) return false;
            into = a[++i];
            return true;
        };
        if (a[i] == "--profile") { if (!value(o.profile)) return false; }
        else if (a[i] == "--codepage") { if (!value(o.codepage)) return false; }
        else if (a[i] == "--png") { if (!value(o.png)) return false; }
        else if (a[i] == "--profiles") { if (!value(o.profilesDir)) return false; }
        else if (!a[i].empty() && a[i][0] != '-' && o.input.empty()) o.input = a[i];
        else return false;
    }
    return true;
}

const escpos::PrinterProfile* loadProfile(const Options& o, PrinterProfiles& store) {
    auto loaded = PrinterProfiles::loadDirectory(o.profilesDir);
    if (!loaded) {
        std::fprintf(stderr, "guichetctl escpos: %s\n", loaded.error().message.c_str());
        return nullptr;
    }
    store = std::move(*loaded);
    const auto* p = store.find(o.profile);
    if (!p) {
        std::fprintf(stderr, "guichetctl escpos: no profile '%s'; known:", o.profile.c_str());
        for (const auto& [name, _] : store.all()) std::fprintf(stderr, " %s", name.c_str());
        std::fprintf(stderr, "\n");
    }
    return p;
}

int encode(const Options& o) {
    PrinterProfiles store;
    const auto* p = loadProfile(o, store);
    if (!p) return 1;
    escpos::LayoutOptions lo;
    if (!o.codepage.empty()) {
        lo.forcedCodePage = escpos::codePageFromName(o.codepage);
        if (!lo.forcedCodePage) {
            std::fprintf(stderr, "guichetctl escpos: unknown code page '%s' (cp437, cp850, cp858, cp1252, cp852, cp866)\n", o.codepage.c_str());
            return 2;
        }
    }
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    while (!text.empty() && text.back() == '\n') text.pop_back();
    Bytes out = escpos::layoutPlainText(text, *p, lo);
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
        std::perror("guichetctl escpos: stdout");
        return 1;
    }
    return 0;
}

int render(const Options& o) {
    if (o.input.empty() || o.png.empty()) return usage();
    PrinterProfiles store;
    const auto* p = loadProfile(o, store);
    if (!p) return 1;
    std::ifstream in(o.input, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "guichetctl escpos: %s: cannot open\n", o.input.c_str());
        return 1;
    }
    Bytes data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    emu::PrinterEmulator printer(*p);
    printer.write(data);
    printer.finish();
    emu::Paper roll = printer.wholeRoll();
    if (auto w = emu::writePng(roll, o.png); !w) {
        std::fprintf(stderr, "guichetctl escpos: %s\n", w.error().message.c_str());
        return 1;
    }
    for (const auto& line : roll.textLines()) std::printf("%s\n", line.c_str());
    std::fprintf(stderr, "%zu bytes, %zu text lines, %zu images, %zu cuts, %zu unknown commands skipped -> %s (%d x %d)\n",
                 data.size(), roll.lines.size(), roll.images.size(), roll.cuts.size(), printer.unknownCommands(), o.png.c_str(),
                 roll.widthDots, roll.height);
    for (int page : printer.unknownCodePages())  // shown as U+FFFD, never guessed as another page
        std::fprintf(stderr, "code page %d (ESC t %d) unknown to the emulator: its characters 0x80-0xFF are shown as U+FFFD\n", page, page);
    for (const auto& problem : printer.renderProblems()) std::fprintf(stderr, "%s\n", problem.c_str());
    return 0;
}

int profiles(const Options& o) {
    auto loaded = PrinterProfiles::loadDirectory(o.profilesDir);
    if (!loaded) {
        std::fprintf(stderr, "guichetctl escpos: %s\n", loaded.error().message.c_str());
        return 1;
    }
    for (const auto& [name, p] : loaded->all()) {
        std::printf("%-16s %4d dots %2d cols  qr:%-6s cut:%-7s pages:", name.c_str(), p.widthDots, p.columnsFontA,
                    p.nativeQr ? "native" : "raster",
                    p.cut == escpos::CutMode::None ? "none" : p.cut == escpos::CutMode::Full ? "full" : "partial");
        for (const auto& s : p.codePages) std::printf(" %s=%d", escpos::codePageName(s.page), s.number);
        for (auto [v, d] : p.usbIds) std::printf("  usb %04x:%04x", v, d);
        std::printf("\n");
    }
    return 0;
}

int runEscpos(const ctl::Args& args) {
    if (args.empty()) return usage();
    Options o;
    if (!parse(args, o)) return usage();
    if (args[0] == "profiles") return profiles(o);
    if (o.profile.empty()) return usage();
    if (args[0] == "encode") return encode(o);
    if (args[0] == "render") return render(o);
    return usage();
}

}  // namespace

GUICHETCTL_COMMAND("escpos", "encode text / render ESC/POS files / list printer profiles", runEscpos);
