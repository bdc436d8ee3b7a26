// ATR parser on real-world ATRs (from pcsc-tools' smartcard_list.txt, LudovicRousseau/pcsc-tools,
// GPL-2.0: used as test data only) and on malformed ones.
#include <catch2/catch.hpp>

#include <set>

#include "drivers/ccid/atr.hpp"

using namespace guichet;
using namespace guichet::ccid;

namespace {

struct RealAtr {
    const char* hex;
    const char* card;
    bool inverse;
    std::vector<int> protocols;
    int historical;
    bool tck;
};

const std::vector<RealAtr> kRealAtrs = {
    {"3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A", "NXP/Philips MIFARE Classic 1K (as per PCSC std part3)", false, {0, 1}, 15, true},
    {"3B 81 80 01 80 80", "RFID - ISO 14443 Type A - NXP DESFire or DESFire EV1 or EV2", false, {0, 1}, 1, true},
    {"3B 80 80 01 01", "ISO 14443 Type B without historical bytes", false, {0, 1}, 0, true},
    {"3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 FA", "Smartcard-HSM", false, {1}, 14, true},
    {"3B 6D 00 00 80 31 80 65 B0 07 02 02 89 83 00 90 00", "JCOP30 contact interface", false, {0}, 13, false},
    {"3B DB 96 00 80 B1 FE 45 1F 83 00 12 23 3F 53 65 49 44 0F 90 00 F1", "Estonia ID-card (eID)", false, {0, 1, 15}, 11, true},
    {"3B DE 18 FF C0 80 B1 FE 45 1F 03 45 73 74 45 49 44 20 76 65 72 20 31 2E 30 2B", "Estonian Identity Card (EstEID v1.0 2006 cold)", false, {0, 1, 15}, 14, true},
    {"3B 9F 96 80 1F C7 80 31 E0 73 FE 21 13 67 93 30 01 11 02 01 02 6A", "R&S CMW-Z04 Mini-UICC Test Card (Telecommunication)", false, {0, 15}, 15, true},
    {"3B 90 95 80 1F C3 59", "Dai Nippon Printing Co., DNP Standard-J T3.1", false, {0, 15}, 0, true},
    {"3B 81 1F 00 CC 52", "eToken R2 2242", false, {15}, 1, true},
    {"3B 02 14 50", "Schlumberger Multiflex 3k", false, {0}, 2, false},
    {"3B 04 A2 13 10 91", "PM2P Chipkarte SLE 4442, Code FFFFFF", false, {0}, 4, false},
    {"3B 67 00 00 2E 30 00 32 68 9F 22", "Stralfors fingerprint card (Other)", false, {0}, 7, false},
    {"3B 7D 96 00 00 80 31 80 65 B0 83 11 17 E5 83 00 90 00", "Gemalto IDPrime PIV Card2.0 (eID)", false, {0}, 13, false},
    {"3B EF 00 FF 81 31 FE 45 65 63 11 13 71 05 28 00 1F 00 12 0F 24 37 20 72", "Debit card (Germany): Postbank - GeldKarte (EUR), girocard, ", false, {1}, 15, true},
    {"3B FD 18 00 FF 81 31 FE 45 43 49 42 47 55 5A 49 4A 32 41 30 38 31 58", "Caregiver card for Dutch Medical System called UZI", false, {1}, 13, true},
    {"3B DD 97 FF 81 B1 FE 45 1F 03 00 64 04 05 08 03 73 96 21 D0 00 90 00 C8", "German \"eGK\" (State Health Insurance Card)", false, {1, 15}, 13, true},
    {"3B DF 18 FF 81 B1 FE 45 1F C3 9E 41 4B 44 65 49 44 32 2E 30 2D 53 53 43 44 D1", "Croatian ID card (eID)", false, {1, 15}, 15, true},
    {"3B D6 97 00 81 B1 FE 45 1F 87 80 31 C1 52 21 1A 4B", "ID-One PIV 2.4 (P/N 1501381) from IDEMIA (Other)", false, {1, 15}, 6, true},
    {"3B 9F 21 0E 49 52 44 45 54 4F 20 41 43 53 03 84 55 6D FF 80", "Nagravision Betacrypt", false, {14}, 15, true},
    {"3B F5 13 00 00 81 31 FE 45 73 74 64 31 30 8F", "card for NF-e in Brazil (PKI)", false, {1}, 5, true},
    {"3B DB 97 00 81 31 FE 85 80 13 49 52 4E 73 96 71 5B 91 30 2F", "Iranian Smart National ID Card (eID)", false, {1}, 11, true},
    {"3B 65 00 00 20 63 CB A3 20", "MasterCard Crédit Agricole Anjou-Maine (type Sociétaire)", false, {0}, 5, false},
    {"3F 96 18 80 01 80 51 00 61 10 30 9F", "Atmel/Athena T0 Inverse Convention PC/SC Compliance Test Car", true, {0, 1}, 6, true},
    {"3F 65 35 10 01 04 EC 90 00", "Old Swiss Postbank card (Bank)", true, {0}, 5, false},
    {"3F 67 25 00 2A 20 00 41 68 90 00", "ChipKnip", true, {0}, 7, false},
    {"3F 2F 00 80 69 AF 02 01 01 35 00 01 0A 0E 83 1E 9F 16", "SIM MNT-GSM Tele Matkapuhelut (Finland) (Telecommunication)", true, {0}, 15, false},
    {"3F FF 95 00 FF 91 81 71 FE 57 00 44 4E 41 53 50 35 35 33 20 52 65 76 4E 30 41 78", "BELL CA EXPRESS VU CARD (Pay TV)", true, {1}, 15, true},
    {"3F 3D 11 00 80 67 28 50 04 02 20 00 00 83 8E 90 00", "GSM SIM card of the Austrian provider A1", true, {0}, 13, false},
    {"3B 16 96 41 73 74 72 69 64", "Gemalto IDPrime v2+ .NET", false, {0}, 6, false},
    {"3B 89 80 01 4A 43 4F 50 34 31 56 32 32 4D", "JCOP41 Cards (not supported, but recognized by Classic Clien", false, {0, 1}, 9, true},
    {"3B 8F 80 01 80 31 80 65 49 54 4A 34 41 12 0F FF 82 90 00 88", "CIE - Carta di Identità Elettronica - Italian ID Card (eID)", false, {0, 1}, 15, true},
    {"3B 0F 80 6A 16 32 46 49 53 45 53 8C E0 FF 07 90 00", "GSM-SIM Sonera (from 1998)", false, {0}, 15, false},
    {"3B F2 18 00 02 C1 0A 31 FE 58 C8 08 74", "Siemens CardOS V4.3B", false, {1}, 2, true},
    {"3B DB 18 FF 81 B1 FE 75 1F 03 5A 43 37 2E 36 20 52 45 56 20 44 A8", "Zeitcontrol Professional BasicCard ZC 7.6 REV D (Other)", false, {1, 15}, 11, true},
    {"3B 9F 21 0E 49 52 44 45 54 4F 20 41 43 53 20 56 35 2E 33 9E", "red dragoncard chid 0604- Austar provider (pay tv)", false, {14}, 15, true},
};

Atr parseOk(const char* hex) {
    auto bytes = fromHex(hex);
    REQUIRE(bytes);
    auto atr = parseAtr(*bytes);
    INFO(hex);
    if (!atr) FAIL(atr.error().message);
    return *atr;
}

std::string errorOf(const char* hex) {
    auto bytes = fromHex(hex);
    REQUIRE(bytes);
    auto atr = parseAtr(*bytes);
    REQUIRE_FALSE(atr.ok());
    return atr.error().message;
}

}  // namespace

TEST_CASE("ccid.atr parses 36 real-world ATRs", "[ccid][atr]") {
    REQUIRE(kRealAtrs.size() >= 30);
    std::set<int> protocolsSeen;
    int inverse = 0, withoutTck = 0, manyHistorical = 0;
    for (const auto& r : kRealAtrs) {
        INFO(r.card << ": " << r.hex);
        Atr a = parseOk(r.hex);
        CHECK((a.convention == Convention::Inverse) == r.inverse);
        CHECK(a.protocols == r.protocols);
        CHECK(static_cast<int>(a.historical.size()) == r.historical);
        CHECK(a.tck.has_value() == r.tck);
        CHECK(a.tckValid);
        CHECK(a.historical.size() == (a.t0 & 0x0Fu));
        // Every byte is accounted for: TS T0 interface historical [TCK].
        CHECK(a.raw.size() == 2 + a.interfaceBytes.size() + a.historical.size() + (a.tck ? 1 : 0));
        protocolsSeen.insert(r.protocols.begin(), r.protocols.end());
        inverse += r.inverse;
        withoutTck += !r.tck;
        manyHistorical += r.historical >= 13;
    }
    // The sample really is varied.
    CHECK(protocolsSeen.count(0));
    CHECK(protocolsSeen.count(1));
    CHECK(protocolsSeen.count(15));
    CHECK(inverse >= 5);
    CHECK(withoutTck >= 8);
    CHECK(manyHistorical >= 10);
}

TEST_CASE("ccid.atr decodes the interface bytes of a T=1 card", "[ccid][atr]") {
    // Siemens CardOS V4.3B (PROTOCOLS.md §2).
    Atr a = parseOk("3B F2 18 00 02 C1 0A 31 FE 58 C8 08 74");
    CHECK(a.ta1() == 0x18);
    CHECK(fiFromTa1(a.ta1()) == 372);
    CHECK(diFromTa1(a.ta1()) == 12);
    CHECK(a.guardTime() == 2);
    CHECK(a.protocols == std::vector<int>{1});
    CHECK(a.t1Ifsc() == 0xFE);
    CHECK(a.t1Waiting() == 0x58);
    CHECK_FALSE(a.t1UsesCrc());
    CHECK(a.preferredProtocol() == 1);
    CHECK(a.historical == Bytes{0xC8, 0x08});
    CHECK(*a.tck == 0x74);
    REQUIRE(a.interfaceBytes.size() == 8);  // TA1 TB1 TC1 TD1 TC2 TD2 TA3 TB3
    CHECK(describeInterfaceByte(a.interfaceBytes[0]) == "TA1 = 0x18: Fi=372 Di=12 (f max 5 MHz)");
    CHECK(describeInterfaceByte(a.interfaceBytes[2]) == "TC1 = 0x02: extra guard time N=2 etu");
    CHECK(describeInterfaceByte(a.interfaceBytes[3]) == "TD1 = 0xC1: next group for T=1 (TC2 TD2)");
    CHECK(describeInterfaceByte(a.interfaceBytes[5]) == "TD2 = 0x31: next group for T=1 (TA3 TB3)");
    CHECK(describeInterfaceByte(a.interfaceBytes[6]) == "TA3 = 0xFE: T=1 IFSC=254 bytes");
    CHECK(describeInterfaceByte(a.interfaceBytes[7]) == "TB3 = 0x58: T=1 BWI=5 CWI=8");
}

TEST_CASE("ccid.atr reads T=15 global bytes and the specific mode", "[ccid][atr]") {
    // Estonia ID-card: TD1 offers T=0 first, TD2 T=1 (IFSC FE), TD3 T=15 (TA4 = classes).
    Atr a = parseOk("3B DB 96 00 80 B1 FE 45 1F 83 00 12 23 3F 53 65 49 44 0F 90 00 F1");
    CHECK(a.protocols == std::vector<int>{0, 1, 15});
    CHECK(a.t1Ifsc() == 0xFE);
    CHECK(a.preferredProtocol() == 0);  // the first offered is the default (ISO 7816-3 §8.2.3)
    CHECK_FALSE(a.specificProtocol());
    auto ta4 = std::find_if(a.interfaceBytes.begin(), a.interfaceBytes.end(),
                            [](auto& b) { return b.protocol == 15 && b.kind == 'A'; });
    REQUIRE(ta4 != a.interfaceBytes.end());
    CHECK(describeInterfaceByte(*ta4) == "TA4 = 0x83: clock stop state H, classes A (5 V) B (3 V)");

    // TA2 present = specific mode: the card imposes T=1 even if another protocol comes first.
    // iClass SE Processor: TA2 = 81, specific mode T=1 that cannot change.
    Atr s = parseOk("3B 90 96 91 81 B1 FE 55 1F C7 D4");
    CHECK(s.specificProtocol() == 1);
    CHECK(s.preferredProtocol() == 1);
    CHECK(describeInterfaceByte(s.interfaceBytes[2]) ==
          "TA2 = 0x81: specific mode T=1, Fi/Di from TA1, mode cannot change");
}

TEST_CASE("ccid.atr T=0-only cards have no TCK and default parameters", "[ccid][atr]") {
    Atr a = parseOk("3B 02 14 50");
    CHECK(a.protocols == std::vector<int>{0});
    CHECK_FALSE(a.tck);
    CHECK(a.ta1() == 0x11);
    CHECK(a.t0WaitingInteger() == 10);
    CHECK(a.historical == Bytes{0x14, 0x50});
}

TEST_CASE("ccid.atr decodes a raw inverse-convention stream", "[ccid][atr]") {
    // "3F 96 18 80 01 80 51 00 61 10 30 9F" (Atmel inverse test card) as a UART in direct
    // mode would see it: every byte inverted and bit-reversed; TS arrives as 03.
    Bytes decoded = *fromHex("3F 96 18 80 01 80 51 00 61 10 30 9F");
    Bytes raw;
    for (auto b : decoded) {
        std::uint8_t r = 0;
        for (int i = 0; i < 8; ++i) r = static_cast<std::uint8_t>(r << 1 | ((b >> i) & 1));
        raw.push_back(static_cast<std::uint8_t>(~r));
    }
    REQUIRE(raw[0] == 0x03);
    auto a = parseAtr(raw);
    REQUIRE(a.ok());
    CHECK(a->convention == Convention::Inverse);
    CHECK(a->raw == decoded);
    CHECK(a->protocols == std::vector<int>{0, 1});
}

TEST_CASE("ccid.atr rejects malformed ATRs with clear errors", "[ccid][atr]") {
    CHECK(parseAtr(Bytes{}).error().message == "ATR: empty (the card sent nothing)");
    CHECK(errorOf("3C 00") == "ATR: TS = 0x3C at byte 0: neither 3B (direct) nor 3F (inverse convention)");
    CHECK(errorOf("3B") == "ATR: truncated after TS: T0 missing (byte 1)");
    // Interface bytes announced but cut off.
    CHECK(errorOf("3B F2 18 00") == "ATR: truncated: TC1 is announced but missing (byte 4)");
    CHECK(errorOf("3B F2 18 00 02 C1 0A 31 FE") == "ATR: truncated: TB3 is announced but missing (byte 9)");
    // Historical bytes cut off.
    CHECK(errorOf("3B 6D 00 00 80 31 80 65") == "ATR: truncated: T0 announces 13 historical bytes, only 4 present");
    // TCK due (T=1 offered) but missing — US Government CAC as listed without it.
    CHECK(errorOf("3B D8 18 00 80 1F 07 80 31 C1 64 08 06 92 0F") ==
          "ATR: truncated: TCK missing (due because a protocol other than T=0 is offered)");
    // Bad TCK: a real entry of the list (MULTOS) whose last byte was mistyped or corrupted.
    auto bad = parseAtr(*fromHex("3B 88 80 01 00 00 00 00 77 83 95 00 00"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::Corrupt);
    CHECK(bad.error().message == "ATR: bad TCK 0x00 (expected 0x68): the ATR was corrupted on the wire");
    // A diagnostic tool can still look at it.
    auto lenient = parseAtr(*fromHex("3B 88 80 01 00 00 00 00 77 83 95 00 00"), true);
    REQUIRE(lenient.ok());
    CHECK_FALSE(lenient->tckValid);
    // Trailing bytes after the TCK (an Oberthur USIM as some readers report it).
    CHECK(errorOf("3B 9F 96 80 1F C7 80 31 E0 73 FE 21 1B 64 07 59 51 00 82 90 00 CE 00 00 00 00 00 00 00 00 00 00") ==
          "ATR: too long: the ATR ends at byte 22 but 32 bytes were received");
    // More than 33 bytes.
    std::string longAtr = "3B 0F";
    for (int i = 0; i < 32; ++i) longAtr += " 00";
    CHECK(errorOf(longAtr.c_str()) == "ATR: too long: 34 bytes, at most 33 allowed");
    // Every error is a Protocol error except the TCK one (Corrupt).
    CHECK(parseAtr(*fromHex("3B F2 18")).error().code == ErrorCode::Protocol);
}

TEST_CASE("ccid.atr never reads past the buffer on any truncation", "[ccid][atr]") {
    // Every prefix of every real ATR is either the ATR itself or a clean error.
    for (const auto& r : kRealAtrs) {
        Bytes full = *fromHex(r.hex);
        for (std::size_t n = 0; n < full.size(); ++n) {
            auto a = parseAtr(std::span(full.data(), n));
            INFO(r.hex << " cut at " << n);
            CHECK_FALSE(a.ok());
            if (!a.ok()) CHECK(a.error().message.rfind("ATR: ", 0) == 0);
        }
    }
}

TEST_CASE("ccid.atr cards that bend ISO 7816-3: strict says what is wrong, lenient keeps what is usable", "[ccid][atr]") {
    struct Case {
        const char* hex;
        const char* strictError;
        const char* deviation;
        int historical;
        int protocol;
    };
    const Case cases[] = {
        // Seen in pcsc-tools' list: a byte after the historical bytes (T=0 only: no TCK due).
        {"3B 02 14 50 11", "too long: the ATR ends at byte 4 but 5 bytes were received", "extra bytes are ignored", 2, 0},
        // A wrong TCK.
        {"3B 86 80 01 06 75 77 81 02 8F 00", "bad TCK 0x00", "bad TCK 0x00 (expected 0x0F)", 6, 0},
        // T=1 offered, TCK missing.
        {"3B 81 01 80", "TCK missing", "TCK missing", 1, 1},
        // Fewer historical bytes than T0 announces.
        {"3B 05 41 42", "only 2 present", "only 2 present", 2, 0},
    };
    for (const auto& c : cases) {
        INFO(c.hex);
        auto bytes = fromHex(c.hex);
        REQUIRE(bytes);
        auto strict = parseAtr(*bytes);
        REQUIRE_FALSE(strict.ok());
        CHECK(strict.error().message.find(c.strictError) != std::string::npos);
        auto lenient = parseAtrLenient(*bytes);
        REQUIRE(lenient.ok());
        REQUIRE(lenient->deviations.size() == 1);
        CHECK(lenient->deviations[0].find(c.deviation) != std::string::npos);
        CHECK(static_cast<int>(lenient->atr.historical.size()) == c.historical);
        CHECK(lenient->atr.preferredProtocol() == c.protocol);
    }
    // A valid ATR has no deviation; one without usable interface bytes stays refused.
    auto good = parseAtrLenient(*fromHex("3B F2 18 00 02 C1 0A 31 FE 58 C8 08 74"));
    REQUIRE(good.ok());
    CHECK(good->deviations.empty());
    CHECK_FALSE(parseAtrLenient(*fromHex("3B F2 18")).ok());
    CHECK_FALSE(parseAtrLenient(*fromHex("12 00")).ok());
}
