// The Answer-To-Reset of a smart card (ISO/IEC 7816-3 §8), decoded by a pure function:
// convention, every interface byte, protocols offered, historical bytes, TCK check.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::ccid {

enum class Convention { Direct, Inverse };

// One interface byte: TA2 is {'A', 2, value}. `protocol` is the T=x that the preceding
// TD byte announced (T=0 for the first group), which gives the byte its meaning.
struct InterfaceByte {
    char kind = 'A';      // 'A', 'B', 'C' or 'D'
    int index = 1;        // the i of TAi
    std::uint8_t value = 0;
    int protocol = 0;
};

struct Atr {
    static constexpr std::size_t kMaxLength = 33;

    Bytes raw;                               // direct-convention bytes, TS first
    Convention convention = Convention::Direct;
    std::uint8_t t0 = 0;
    std::vector<InterfaceByte> interfaceBytes;
    std::vector<int> protocols;              // offered, in order, without duplicates; T=15 included
    Bytes historical;
    std::optional<std::uint8_t> tck;         // absent when only T=0 is offered
    bool tckValid = true;                    // also true when no TCK is due

    std::optional<std::uint8_t> find(char kind, int index) const;
    // Fi/Di from TA1 (default 0x11), extra guard time N from TC1, WI from TC2.
    std::uint8_t ta1() const { return find('A', 1).value_or(0x11); }
    std::uint8_t guardTime() const { return find('C', 1).value_or(0); }
    std::uint8_t t0WaitingInteger() const { return find('C', 2).value_or(10); }
    // TA2 present = specific mode: the card runs only the protocol TA2 names.
    std::optional<int> specificProtocol() const;
    // First T=1 group's TA (IFSC, default 32), TB (BWI<<4|CWI, default 0x4D), TC bit 0 (CRC).
    std::uint8_t t1Ifsc() const;
    std::uint8_t t1Waiting() const;
    bool t1UsesCrc() const;
    bool offers(int protocol) const;
    // The protocol to use: TA2's in specific mode, else the first one offered (T=0 if none).
    int preferredProtocol() const;
};

// Accepts the bytes as a CCID reader reports them (TS = 3B direct, 3F inverse, already
// decoded) and also a raw inverse-convention stream read as direct (TS = 03). A bad TCK is
// an error (Corrupt) unless acceptBadTck, which diagnostic tools use to show the rest.
Result<Atr> parseAtr(std::span<const std::uint8_t> bytes, bool acceptBadTck = false);

// What a card session can use from an ATR that bends ISO 7816-3 the way real cards do
// (pcsc-lite accepts them too): bytes after the end, truncated historical bytes, a missing
// or wrong TCK, more than 33 bytes. Each deviation is described for the log. Still an error
// (Protocol) when nothing usable remains: no TS/T0, or interface bytes cut off.
struct LenientAtr {
    Atr atr;
    std::vector<std::string> deviations;  // empty: a strictly valid ATR
};
Result<LenientAtr> parseAtrLenient(std::span<const std::uint8_t> bytes);

// Operator-facing meaning of one interface byte ("TA1 = 0x96: Fi=512 Di=32 (f max 5 MHz)").
std::string describeInterfaceByte(const InterfaceByte& b);
// ISO 7816-3 tables; 0 for reserved values.
int fiFromTa1(std::uint8_t ta1);
int diFromTa1(std::uint8_t ta1);

}  // namespace guichet::ccid
