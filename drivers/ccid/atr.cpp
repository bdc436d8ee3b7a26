#include "drivers/ccid/atr.hpp"

#include <algorithm>
#include <cstdio>

namespace guichet::ccid {

namespace {

std::string fmt(const char* f, int a = 0, int b = 0, int c = 0) {
    char buf[200];
    std::snprintf(buf, sizeof buf, f, a, b, c);
    return buf;
}

// A raw inverse-convention byte read as if direct: bits are inverted and in reverse order.
std::uint8_t fromInverse(std::uint8_t b) {
    std::uint8_t v = static_cast<std::uint8_t>(~b), r = 0;
    for (int i = 0; i < 8; ++i) r = static_cast<std::uint8_t>(r << 1 | ((v >> i) & 1));
    return r;
}

Error atrError(const std::string& what) { return makeError(ErrorCode::Protocol, "ATR: " + what); }

}  // namespace

int fiFromTa1(std::uint8_t ta1) {
    static const int fi[16] = {372, 372, 558, 744, 1116, 1488, 1860, 0, 0, 512, 768, 1024, 1536, 2048, 0, 0};
    return fi[ta1 >> 4];
}

int diFromTa1(std::uint8_t ta1) {
    static const int di[16] = {0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0};
    return di[ta1 & 0x0F];
}

std::optional<std::uint8_t> Atr::find(char kind, int index) const {
    for (const auto& b : interfaceBytes)
        if (b.kind == kind && b.index == index) return b.value;
    return std::nullopt;
}

std::optional<int> Atr::specificProtocol() const {
    if (auto ta2 = find('A', 2)) return *ta2 & 0x0F;
    return std::nullopt;
}

static std::optional<std::uint8_t> firstT1Byte(const Atr& atr, char kind) {
    for (const auto& b : atr.interfaceBytes)
        if (b.kind == kind && b.index >= 3 && b.protocol == 1) return b.value;
    return std::nullopt;
}

std::uint8_t Atr::t1Ifsc() const { return firstT1Byte(*this, 'A').value_or(32); }
std::uint8_t Atr::t1Waiting() const { return firstT1Byte(*this, 'B').value_or(0x4D); }
bool Atr::t1UsesCrc() const { return firstT1Byte(*this, 'C').value_or(0) & 0x01; }

bool Atr::offers(int protocol) const {
    return std::find(protocols.begin(), protocols.end(), protocol) != protocols.end();
}

int Atr::preferredProtocol() const {
    if (auto p = specificProtocol()) return *p;
    for (int p : protocols)
        if (p != 15) return p;
    return 0;
}

namespace {

// Strict when `bent` is null; otherwise the deviations a card can live with (extra bytes,
// truncated historical bytes, a missing or wrong TCK, over 33 bytes) are noted there.
Result<Atr> parse(std::span<const std::uint8_t> in, bool acceptBadTck, std::vector<std::string>* bent) {
    if (in.empty()) return atrError("empty (the card sent nothing)");
    Atr atr;
    atr.raw.assign(in.begin(), in.end());
    if (in[0] == 0x03) {
        for (auto& b : atr.raw) b = fromInverse(b);
        atr.convention = Convention::Inverse;
    } else if (in[0] == 0x3F) {
        atr.convention = Convention::Inverse;
    } else if (in[0] != 0x3B) {
        return atrError(fmt("TS = 0x%02X at byte 0: neither 3B (direct) nor 3F (inverse convention)", in[0]));
    }
    const Bytes& b = atr.raw;
    const std::size_t n = b.size();
    if (n < 2) return atrError("truncated after TS: T0 missing (byte 1)");
    atr.t0 = b[1];

    std::size_t pos = 2;
    int y = atr.t0 >> 4, group = 1, protocol = 0;
    bool tdSeen = false, tckDue = false;
    while (true) {
        static const char kinds[4] = {'A', 'B', 'C', 'D'};
        for (int k = 0; k < 4; ++k) {
            if (!(y & (1 << k))) continue;
            if (pos >= n)
                return atrError(fmt("truncated: T%c%d is announced but missing (byte %d)", kinds[k], group,
                                    static_cast<int>(pos)));
            atr.interfaceBytes.push_back({kinds[k], group, b[pos], protocol});
            ++pos;
        }
        if (!(y & 0x08)) break;
        std::uint8_t td = b[pos - 1];
        protocol = td & 0x0F;
        tdSeen = true;
        if (protocol != 0) tckDue = true;
        if (!atr.offers(protocol)) atr.protocols.push_back(protocol);
        y = td >> 4;
        ++group;
    }
    if (!tdSeen) atr.protocols.push_back(0);
    // T=15 alone (only global bytes) still requires a TCK; so does any protocol but T=0.

    std::size_t k = atr.t0 & 0x0F;
    if (pos + k > n) {
        auto what = fmt("truncated: T0 announces %d historical bytes, only %d present", static_cast<int>(k),
                        static_cast<int>(n - pos));
        if (!bent) return atrError(what);
        bent->push_back(what);
        k = n - pos;
    }
    atr.historical.assign(b.begin() + static_cast<long>(pos), b.begin() + static_cast<long>(pos + k));
    pos += k;

    if (tckDue && pos >= n && bent) {
        bent->push_back("truncated: TCK missing (due because a protocol other than T=0 is offered)");
    } else if (tckDue) {
        if (pos >= n) return atrError("truncated: TCK missing (due because a protocol other than T=0 is offered)");
        atr.tck = b[pos];
        std::uint8_t x = 0;
        for (std::size_t i = 1; i <= pos; ++i) x ^= b[i];
        atr.tckValid = (x == 0);
        ++pos;
    }
    if (n > Atr::kMaxLength) {
        auto what = fmt("too long: %d bytes, at most 33 allowed", static_cast<int>(n));
        if (!bent) return atrError(what);
        bent->push_back(what);
    }
    if (pos < n) {
        auto what = fmt("too long: the ATR ends at byte %d but %d bytes were received", static_cast<int>(pos),
                        static_cast<int>(n));
        if (!bent) return atrError(what);
        bent->push_back(what + " (the extra bytes are ignored)");
        atr.raw.resize(pos);
    }
    if (!atr.tckValid && (!acceptBadTck || bent)) {
        std::uint8_t expect = 0;
        for (std::size_t i = 1; i + 1 < pos; ++i) expect ^= b[i];
        auto what = fmt("bad TCK 0x%02X (expected 0x%02X)", *atr.tck, expect);
        if (bent) bent->push_back(what);
        else if (!acceptBadTck)
            return Error{ErrorCode::Corrupt, "ATR: " + what + ": the ATR was corrupted on the wire"};
    }
    return atr;
}

}  // namespace

Result<Atr> parseAtr(std::span<const std::uint8_t> in, bool acceptBadTck) { return parse(in, acceptBadTck, nullptr); }

Result<LenientAtr> parseAtrLenient(std::span<const std::uint8_t> in) {
    LenientAtr out;
    auto atr = parse(in, true, &out.deviations);
    if (!atr) return atr.error();
    out.atr = std::move(*atr);
    return out;
}

static const char* clockStop(int x) {
    static const char* s[4] = {"not supported", "state L", "state H", "no preference"};
    return s[x & 3];
}

std::string describeInterfaceByte(const InterfaceByte& ib) {
    const int v = ib.value;
    std::string name = fmt("T%c%d = 0x%02X: ", ib.kind, ib.index, v);
    if (ib.kind == 'D') {
        std::string s = fmt("next group for T=%d", v & 0x0F);
        if (v >> 4) {
            s += " (";
            for (int k = 0; k < 4; ++k)
                if (v & (0x10 << k)) s += fmt("T%c%d ", "ABCD"[k], ib.index + 1);
            s.back() = ')';
        }
        return name + s;
    }
    if (ib.index == 1) {
        if (ib.kind == 'A') {
            const int fi = fiFromTa1(ib.value), di = diFromTa1(ib.value);
            static const char* fmax[16] = {"4", "5", "6", "8", "12", "16", "20", "?", "?", "5", "7.5", "10", "15", "20", "?", "?"};
            if (!fi || !di) return name + "Fi/Di reserved values (card bug: use defaults)";
            return name + fmt("Fi=%d Di=%d", fi, di) + " (f max " + fmax[v >> 4] + " MHz)";
        }
        if (ib.kind == 'B') return name + (v == 0 ? "no programming voltage" : "programming voltage (deprecated, ignored)");
        if (v == 255) return name + "minimum guard time (12 etu for T=0, 11 for T=1)";
        return name + fmt("extra guard time N=%d etu", v);
    }
    if (ib.index == 2 && ib.kind == 'A')
        return name + fmt("specific mode T=%d, ", v & 0x0F) + ((v & 0x10) ? "Fi/Di implicit" : "Fi/Di from TA1") +
               ((v & 0x80) ? ", mode cannot change" : ", mode can change");
    if (ib.index == 2 && ib.kind == 'B') return name + "programming voltage PI2 (deprecated, ignored)";
    // TC2 is specific to T=0 whatever TD1 announced (ISO 7816-3 §10.2).
    if (ib.index == 2 && ib.kind == 'C') return name + fmt("T=0 waiting integer WI=%d", v);
    if (ib.protocol == 1 && ib.index >= 3) {
        if (ib.kind == 'A') return name + fmt("T=1 IFSC=%d bytes", v);
        if (ib.kind == 'B') return name + fmt("T=1 BWI=%d CWI=%d", v >> 4, v & 0x0F);
        return name + ((v & 1) ? "T=1 error detection: CRC" : "T=1 error detection: LRC");
    }
    if (ib.protocol == 15 && ib.index >= 3) {
        if (ib.kind == 'A') {
            std::string cls;
            if (v & 0x01) cls += "A (5 V) ";
            if (v & 0x02) cls += "B (3 V) ";
            if (v & 0x04) cls += "C (1.8 V) ";
            if (cls.empty()) cls = "none ";
            cls.pop_back();
            return name + "clock stop " + clockStop(v >> 6) + ", classes " + cls;
        }
        if (ib.kind == 'B') return name + (v == 0 ? "SPU not used" : "SPU (standard or proprietary use)");
    }
    return name + fmt("meaning defined by T=%d", ib.protocol);
}

}  // namespace guichet::ccid
