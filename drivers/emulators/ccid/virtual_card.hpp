// A software smart card: a tiny ISO 7816-4 file system (one application, selected by AID,
// holding one transparent EF with the resident's id) that answers APDUs, T=0 TPDUs (61xx,
// 6Cxx) and, through CardT1Engine, T=1 blocks. Not thread-safe: the reader locks it.
#pragma once

#include <optional>

#include "drivers/ccid/apdu.hpp"
#include "drivers/ccid/atr.hpp"
#include "drivers/emulators/ccid/card_t1_engine.hpp"

namespace guichet::emu {

struct VirtualCardProfile {
    std::string name = "card";
    Bytes atr;                         // must parse; the protocol answered is atr.preferredProtocol()
    Bytes aid;                         // the application (empty: none)
    std::uint16_t fileId = 0xE101;     // the EF inside it, also reachable by SFI fileId & 0x1F
    Bytes fileContent;                 // the id (personal data in real life)
    Bytes uid;                         // contactless: what the reader answers to FF CA
    std::uint8_t voltageClasses = 0x07;  // 1 = 5 V, 2 = 3 V, 4 = 1.8 V: powered outside these → mute
    Bytes atrAt1V8;                    // non-empty: what the card answers at 1.8 V instead (a garbled ATR)
    bool mute = false;                 // never answers the reset
    int timeExtensions = 0;            // slow card: CCID time-extension frames before each answer
    int t1WtxRequests = 0;             // slow T=1 card: S(WTX) requests before each answer
};

class VirtualCard {
public:
    explicit VirtualCard(VirtualCardProfile profile);

    const VirtualCardProfile& profile() const { return profile_; }
    const ccid::Atr& atr() const { return atr_; }
    int protocol() const { return protocol_; }
    CardT1Engine& t1() { return t1_; }

    // Cold reset: nothing selected, T=1 state cleared.
    void reset();
    ccid::ResponseApdu process(const ccid::CommandApdu& command);
    Bytes processApduBytes(std::span<const std::uint8_t> apdu);   // short-APDU readers
    Bytes processT0(std::span<const std::uint8_t> tpdu);          // TPDU readers, T=0
    std::optional<Bytes> processT1(std::span<const std::uint8_t> block);  // nullopt = no answer

    int apduCount() const { return apduCount_; }

private:
    ccid::ResponseApdu select(const ccid::CommandApdu& c);
    ccid::ResponseApdu readBinary(const ccid::CommandApdu& c);

    VirtualCardProfile profile_;
    ccid::Atr atr_;
    int protocol_ = 0;
    CardT1Engine t1_;
    bool appSelected_ = false;
    bool fileSelected_ = false;
    Bytes pending_;                 // T=0: data waiting for GET RESPONSE
    std::uint16_t pendingSw_ = 0x9000;
    int apduCount_ = 0;
};

// Ready-made cards.
VirtualCardProfile cityCardT1();       // contact, T=1 (ATR of a SmartCard-HSM-like JavaCard)
VirtualCardProfile cityCardT0();       // contact, T=0 only (JCOP30 contact ATR)
VirtualCardProfile contactlessCityCard();  // ISO 14443-4 through a PC/SC reader, fixed 7-byte UID
Bytes cityCardAid();                   // F0 "GUICHET": a proprietary (unregistered) AID

}  // namespace guichet::emu
