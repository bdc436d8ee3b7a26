#include "drivers/ccid/t0_channel.hpp"

namespace guichet::ccid {

namespace {
constexpr int kMaxRounds = 300;            // 300 × 256 bytes: more than any card holds
constexpr std::size_t kMaxResponse = 65536;
}

Result<Bytes> T0Channel::toTpdu(const CommandApdu& c) {
    auto enc = c.encode();
    if (!enc) return enc;
    Bytes b = std::move(*enc);
    switch (c.isoCase()) {
        case 1: b.push_back(0x00); break;   // P3 = 00: no data either way
        case 4: b.pop_back(); break;        // Le goes to GET RESPONSE
        default: break;
    }
    return b;
}

Result<ResponseApdu> exchangeFollowingProcedures(const RawExchange& exchange, Bytes sent) {
    Bytes collected;
    bool lengthCorrected = false;
    for (int round = 0; round < kMaxRounds; ++round) {
        auto raw = exchange(sent);
        if (!raw) {
            secureWipe(collected);
            return raw.error();
        }
        auto r = parseResponseApdu(*raw);
        secureWipe(*raw);
        if (!r) {
            secureWipe(collected);
            return r.error();
        }
        if (r->sw1() == 0x6C && sent.size() == 5 && !lengthCorrected) {
            // Wrong Le: resend the same header with the exact length, once.
            sent[4] = r->sw2();
            lengthCorrected = true;
            continue;
        }
        collected.insert(collected.end(), r->data.begin(), r->data.end());
        secureWipe(r->data);
        if (collected.size() > kMaxResponse) {
            secureWipe(collected);
            return makeError(ErrorCode::Protocol, "T=0: the card keeps sending data (over 64 KiB)");
        }
        if (r->sw1() == 0x61) {
            auto gr = apdu::getResponse(r->sw2()).encode();
            sent = std::move(*gr);
            lengthCorrected = false;
            continue;
        }
        ResponseApdu out;
        out.data = std::move(collected);
        out.sw = r->sw;
        return out;
    }
    secureWipe(collected);
    return makeError(ErrorCode::Protocol, "T=0: too many GET RESPONSE rounds");
}

Result<ResponseApdu> T0Channel::transmit(const CommandApdu& command) {
    auto tpdu = toTpdu(command);
    if (!tpdu) return tpdu.error();
    return exchangeFollowingProcedures(exchange_, std::move(*tpdu));
}

Result<ResponseApdu> ShortApduChannel::transmit(const CommandApdu& command) {
    auto apdu = command.encode();
    if (!apdu) return apdu.error();
    return exchangeFollowingProcedures(exchange_, std::move(*apdu));
}

}  // namespace guichet::ccid
