// bench_ccid: host-side cost of the CCID stack. ATR parsing, and a full identifier read
// (power on, ATR, parameters, IFS, SELECT AID, SELECT file, READ BINARY, power off) against
// the in-process emulated readers, compared with the time the same bytes need on the wire
// between reader and card at the default ISO rate (Fi 372 / Di 1 at 4 MHz ≈ 10 752 bit/s).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "drivers/ccid/card_session.hpp"
#include "drivers/emulators/ccid/emulated_reader_transport.hpp"

using namespace guichet;
using Clock = std::chrono::steady_clock;

namespace {

const char* kAtrs[] = {
    "3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A",
    "3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 FA",
    "3B DB 96 00 80 B1 FE 45 1F 83 00 12 23 3F 53 65 49 44 0F 90 00 F1",
    "3B 6D 00 00 80 31 80 65 B0 07 02 02 89 83 00 90 00",
    "3F FF 95 00 FF 91 81 71 FE 57 00 44 4E 41 53 50 35 35 33 20 52 65 76 4E 30 41 78",
    "3B F2 18 00 02 C1 0A 31 FE 58 C8 08 74",
};

template <class F>
double medianMicros(int reps, F f) {
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
        auto s = Clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
    }
    std::sort(t.begin(), t.end());
    if (std::getenv("BENCH_VERBOSE")) std::fprintf(stderr, "min %.1f med %.1f max %.1f\n", t.front(), t[t.size() / 2], t.back());
    return t[t.size() / 2];
}

struct ReadStats {
    double micros;
    std::size_t cardBytes;  // bytes exchanged with the card (ATR + TPDUs/blocks + answers)
};

ReadStats fullRead(emu::ReaderModel model, emu::VirtualCardProfile card) {
    std::size_t bytes = 0;
    const double us = medianMicros(201, [&] {
        auto dev = std::make_shared<emu::EmulatedCcidReader>(model);
        dev->insertCard(card);
        emu::EmulatedReaderTransport t(dev);
        ccid::CcidReader r(t, model.descriptor);
        auto c = ccid::connectCard(r);
        if (!c) std::abort();
        auto sel = ccid::apdu::select(*c->channel, emu::cityCardAid());
        auto f = c->channel->transmit(ccid::apdu::selectFile(0xE101));
        auto id = ccid::apdu::readBinary(*c->channel, 0, 15);
        if (!sel || !f || !id) std::abort();
        (void)r.powerOff();
        bytes = 0;
        for (const auto& m : dev->commandsReceived())
            if (m[0] == ccid::msg::kXfrBlock) bytes += m.size() - ccid::kHeaderSize;
        bytes *= 2;  // answers are about as long as commands here; ATR added below
        bytes += card.atr.size();
    });
    return {us, bytes};
}

}  // namespace

int main() {
    std::vector<Bytes> atrs;
    for (auto h : kAtrs) atrs.push_back(*fromHex(h));
    const int n = 100000;
    const double atrUs = medianMicros(5, [&] {
                             for (int i = 0; i < n; ++i) {
                                 auto a = ccid::parseAtr(atrs[i % atrs.size()]);
                                 if (!a) std::abort();
                             }
                         }) / n;
    std::printf("ATR parse: %.3f us per ATR (median of 5 x %d)\n", atrUs, n);

    // One character = 12 etu (start, 8 data, parity, 2 guard) at 372 clock cycles per etu.
    const double wireUsPerByte = 12.0 * 372.0 / 4.0;  // at 4 MHz: 1116 us
    struct Case { const char* name; emu::ReaderModel m; emu::VirtualCardProfile c; };
    for (const auto& k : {Case{"CT30, T=1 card", emu::idBridgeCt30(), emu::cityCardT1()},
                          Case{"CT30, T=0 card", emu::idBridgeCt30(), emu::cityCardT0()},
                          Case{"ACR122U, contactless", emu::acr122u(), emu::contactlessCityCard()}}) {
        auto s = fullRead(k.m, k.c);
        // Contactless (ISO 14443 at 106 kbit/s): 9 bits a byte on the air, ~85 us.
        const double perByte = k.m.answersGetUid ? 9.0 / 0.106 : wireUsPerByte;
        const double wireUs = static_cast<double>(s.cardBytes) * perByte;
        std::printf("identifier read, %-22s host %7.1f us; card I/O at its base rate ~%6.1f ms; wire/host = %.0fx\n",
                    k.name, s.micros, wireUs / 1000.0, wireUs / s.micros);
    }
    return 0;
}
