#include "drivers/emulators/ccid/virtual_card.hpp"

#include <algorithm>

namespace guichet::emu {

using ccid::CommandApdu;
using ccid::ResponseApdu;

namespace {

ResponseApdu sw(std::uint16_t s) { return ResponseApdu{{}, s}; }

Bytes withSw(Bytes data, std::uint16_t s) {
    data.push_back(static_cast<std::uint8_t>(s >> 8));
    data.push_back(static_cast<std::uint8_t>(s));
    return data;
}

// Instructions whose data goes card → host: a 5-byte T=0 TPDU's P3 is then Le, not Lc.
bool outgoing(std::uint8_t ins) { return ins == 0xB0 || ins == 0xC0 || ins == 0xCA || ins == 0x84 || ins == 0xB2; }

ccid::Atr parsedOrDie(const Bytes& atr) {
    // Real cards bend ISO 7816-3: the card runs on what a lenient reading finds. A profile
    // with an ATR even that refuses is a programming error in a test or preset.
    auto a = ccid::parseAtrLenient(atr);
    if (!a) return ccid::Atr{};
    return a->atr;
}

}  // namespace

VirtualCard::VirtualCard(VirtualCardProfile profile)
    : profile_(std::move(profile)),
      atr_(parsedOrDie(profile_.atr)),
      protocol_(atr_.preferredProtocol()),
      t1_(atr_.t1Ifsc(), atr_.t1UsesCrc() ? ccid::t1::Edc::Crc : ccid::t1::Edc::Lrc) {
    t1_.setHandler([this](std::span<const std::uint8_t> apdu) { return processApduBytes(apdu); });
    t1_.setWtxRequests(profile_.t1WtxRequests);
}

void VirtualCard::reset() {
    appSelected_ = fileSelected_ = false;
    secureWipe(pending_);
    t1_.reset();
}

ResponseApdu VirtualCard::select(const CommandApdu& c) {
    if (c.p1 == 0x04) {
        if (profile_.aid.empty() || c.data != profile_.aid) {
            appSelected_ = fileSelected_ = false;
            return sw(0x6A82);
        }
        appSelected_ = true;
        fileSelected_ = false;
        if ((c.p2 & 0x0C) == 0x0C || !c.le) return sw(0x9000);
        // FCI template with the DF name, as most applets answer.
        Bytes fci{0x6F, static_cast<std::uint8_t>(profile_.aid.size() + 2), 0x84,
                  static_cast<std::uint8_t>(profile_.aid.size())};
        fci.insert(fci.end(), profile_.aid.begin(), profile_.aid.end());
        return ResponseApdu{fci, 0x9000};
    }
    if (c.p1 == 0x02 || c.p1 == 0x00) {
        if (c.data.size() != 2) return sw(0x6700);
        const std::uint16_t fid = static_cast<std::uint16_t>(c.data[0] << 8 | c.data[1]);
        if (fid == 0x3F00) {
            appSelected_ = fileSelected_ = false;
            return sw(0x9000);
        }
        if (!appSelected_ || fid != profile_.fileId) return sw(0x6A82);
        fileSelected_ = true;
        return sw(0x9000);
    }
    return sw(0x6A86);
}

ResponseApdu VirtualCard::readBinary(const CommandApdu& c) {
    std::size_t offset;
    if (c.p1 & 0x80) {
        if (!appSelected_ || (c.p1 & 0x1F) != (profile_.fileId & 0x1F)) return sw(0x6A82);
        fileSelected_ = true;
        offset = c.p2;
    } else {
        if (!fileSelected_) return sw(0x6986);
        offset = static_cast<std::size_t>(c.p1 << 8 | c.p2);
    }
    const Bytes& f = profile_.fileContent;
    if (offset >= f.size()) return sw(0x6B00);
    const std::size_t want = c.le.value_or(256);
    const std::size_t n = std::min(want, f.size() - offset);
    ResponseApdu r{Bytes(f.begin() + static_cast<long>(offset), f.begin() + static_cast<long>(offset + n)), 0x9000};
    if (n < want) r.sw = 0x6282;  // end of file before Le bytes
    return r;
}

ResponseApdu VirtualCard::process(const CommandApdu& c) {
    ++apduCount_;
    if (c.cla == 0xFF) return sw(0x6E00);  // reader pseudo-APDUs never reach a real card either
    switch (c.ins) {
        case 0xA4: return select(c);
        case 0xB0: return readBinary(c);
        case 0xC0: return sw(0x6985);  // GET RESPONSE only makes sense under T=0
        default: return sw(0x6D00);
    }
}

Bytes VirtualCard::processApduBytes(std::span<const std::uint8_t> apdu) {
    auto c = CommandApdu::parse(apdu);
    if (!c) return withSw({}, 0x6700);
    auto r = process(*c);
    return withSw(std::move(r.data), r.sw);
}

Bytes VirtualCard::processT0(std::span<const std::uint8_t> tpdu) {
    if (tpdu.size() < 5) return withSw({}, 0x6700);
    const std::uint8_t ins = tpdu[1], p3 = tpdu[4];
    if (ins == 0xC0) {
        if (pending_.empty()) return withSw({}, 0x6985);
        const std::size_t le = p3 ? p3 : 256;
        if (le > pending_.size()) return withSw({}, static_cast<std::uint16_t>(0x6C00 | (pending_.size() & 0xFF)));
        Bytes out(pending_.begin(), pending_.begin() + static_cast<long>(le));
        pending_.erase(pending_.begin(), pending_.begin() + static_cast<long>(le));
        const std::uint16_t s =
            pending_.empty() ? pendingSw_ : static_cast<std::uint16_t>(0x6100 | std::min<std::size_t>(pending_.size(), 255));
        return withSw(std::move(out), s);
    }
    secureWipe(pending_);
    CommandApdu c{tpdu[0], ins, tpdu[2], tpdu[3], {}, std::nullopt};
    if (tpdu.size() == 5 && outgoing(ins)) {
        c.le = p3 ? p3 : 256;
        auto r = process(c);
        // Wrong Le: T=0 cards say the exact length (6Cxx) and send nothing.
        if ((r.ok() || r.sw == 0x6282) && r.data.size() != static_cast<std::size_t>(*c.le))
            return withSw({}, static_cast<std::uint16_t>(0x6C00 | (r.data.size() & 0xFF)));
        return withSw(std::move(r.data), r.sw);
    }
    if (tpdu.size() > 5) {
        if (tpdu.size() != 5u + p3) return withSw({}, 0x6700);
        c.data.assign(tpdu.begin() + 5, tpdu.end());
        c.le = 256;  // case 3 or 4: any answer data waits for GET RESPONSE
    }
    auto r = process(c);
    if (r.data.empty()) return withSw({}, r.sw);
    pending_ = std::move(r.data);
    pendingSw_ = r.sw;
    return withSw({}, static_cast<std::uint16_t>(0x6100 | std::min<std::size_t>(pending_.size(), 255)));
}

std::optional<Bytes> VirtualCard::processT1(std::span<const std::uint8_t> block) { return t1_.onBlock(block); }

Bytes cityCardAid() { return Bytes{0xF0, 'G', 'U', 'I', 'C', 'H', 'E', 'T'}; }

static Bytes ascii(const char* s) { return Bytes(s, s + std::char_traits<char>::length(s)); }

VirtualCardProfile cityCardT1() {
    VirtualCardProfile p;
    p.name = "city card (contact, T=1)";
    // SmartCard-HSM (smartcard_list.txt): TA1 18, T=1 IFSC 254, BWI 4 CWI 5, LRC.
    p.atr = *fromHex("3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 FA");
    p.aid = cityCardAid();
    p.fileContent = ascii("CV-75056-004217");
    return p;
}

VirtualCardProfile cityCardT0() {
    VirtualCardProfile p;
    p.name = "city card (contact, T=0)";
    // JCOP30 contact interface (smartcard_list.txt): T=0 only, no TCK.
    p.atr = *fromHex("3B 6D 00 00 80 31 80 65 B0 07 02 02 89 83 00 90 00");
    p.aid = cityCardAid();
    p.fileContent = ascii("CV-75056-004217");
    return p;
}

VirtualCardProfile contactlessCityCard() {
    VirtualCardProfile p;
    p.name = "city card (contactless)";
    // DESFire EV1 through a PC/SC reader (smartcard_list.txt): T=1, historical byte 80.
    p.atr = *fromHex("3B 81 80 01 80 80");
    p.aid = cityCardAid();
    p.fileContent = ascii("CV-75056-004217");
    p.uid = Bytes{0x04, 0x52, 0x3A, 0x6A, 0x91, 0x2B, 0x80};
    return p;
}

}  // namespace guichet::emu
