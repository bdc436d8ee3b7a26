#include "drivers/ccid/card_session.hpp"

#include <algorithm>

#include "drivers/ccid/t0_channel.hpp"
#include "drivers/common/log.hpp"
#include "drivers/ccid/t1_channel.hpp"

namespace guichet::ccid {

Bytes protocolParameters(const Atr& atr, int protocol, bool readerDoesPps) {
    const auto ta2 = atr.find('A', 2);
    const bool ta1InForce = readerDoesPps || (ta2 && !(*ta2 & 0x10));
    const std::uint8_t fiDi = ta1InForce ? atr.ta1() : 0x11;
    const std::uint8_t inverse = atr.convention == Convention::Inverse ? 0x02 : 0x00;
    if (protocol == 0) return {fiDi, inverse, atr.guardTime(), atr.t0WaitingInteger(), 0x00};
    const std::uint8_t tcck = static_cast<std::uint8_t>(0x10 | inverse | (atr.t1UsesCrc() ? 0x01 : 0x00));
    return {fiDi, tcck, atr.guardTime(), atr.t1Waiting(), 0x00, atr.t1Ifsc(), 0x00};
}

Result<CardConnection> connectCard(CcidReader& reader) {
    const auto& d = reader.descriptor();
    // Real cards bend ISO 7816-3 (extra bytes, no or a wrong TCK): what can be used is used,
    // with a warning; an ATR that cannot be used at all is worth the next voltage class.
    auto usable = [](const Bytes& raw) -> std::optional<Error> {
        auto a = parseAtrLenient(raw);
        if (!a) return Error{ErrorCode::Protocol, a.error().message};
        return std::nullopt;
    };
    auto atrBytes = reader.powerOnSelectingVoltage(usable);
    if (!atrBytes) return atrBytes.error();
    auto atr = parseAtrLenient(*atrBytes);
    if (!atr) return atr.error();

    CardConnection c;
    c.atr = std::move(atr->atr);
    c.atrDeviations = std::move(atr->deviations);
    for (const auto& d : c.atrDeviations) log::warning("ccid", "ATR accepted although " + d);
    c.voltage = reader.selectedVoltage();
    c.level = d.exchangeLevel();
    if (c.level == ExchangeLevel::Character)
        return makeError(ErrorCode::NotSupported, "CCID: character-level readers are not supported");

    // Protocol: the card's choice (specific mode or first offered) if the reader has it, else
    // any other protocol both sides share.
    int protocol = c.atr.preferredProtocol();
    if (!d.supportsProtocol(protocol)) {
        auto shared = std::find_if(c.atr.protocols.begin(), c.atr.protocols.end(),
                                   [&](int p) { return p != 15 && d.supportsProtocol(p); });
        if (shared == c.atr.protocols.end() || c.atr.specificProtocol())
            return makeError(ErrorCode::NotSupported,
                             "CCID: the card speaks T=" + std::to_string(protocol) + ", the reader does not");
        protocol = *shared;
    }
    if (protocol != 0 && protocol != 1)
        return makeError(ErrorCode::NotSupported, "CCID: T=" + std::to_string(protocol) + " is not supported");
    c.protocol = protocol;

    if (!d.negotiatesParametersItself()) {
        const Bytes params = protocolParameters(c.atr, protocol, d.has(feature::kAutoPps));
        auto set = reader.setParameters(static_cast<std::uint8_t>(protocol), params);
        if (!set) return set.error();
        c.parametersSet = true;
    }

    if (c.level != ExchangeLevel::Tpdu) {
        c.channel = std::make_unique<ShortApduChannel>(
            [&reader](std::span<const std::uint8_t> apdu) { return reader.xfrBlock(apdu); });
        return c;
    }
    if (protocol == 0) {
        c.channel = std::make_unique<T0Channel>(
            [&reader](std::span<const std::uint8_t> tpdu) { return reader.xfrBlock(tpdu); });
        return c;
    }
    T1Options o;
    o.ifsc = c.atr.t1Ifsc();
    o.ifsd = static_cast<std::uint8_t>(std::clamp<std::uint32_t>(d.maxIfsd, 32, 254));
    o.edc = c.atr.t1UsesCrc() ? t1::Edc::Crc : t1::Edc::Lrc;
    auto t1 = std::make_unique<T1Channel>(
        [&reader](std::span<const std::uint8_t> block, std::uint8_t wtx) { return reader.xfrBlock(block, wtx); }, o);
    if (!d.has(feature::kAutoIfsd)) {
        auto ifs = t1->negotiateIfsd();
        if (!ifs) return ifs.error();
    }
    c.channel = std::move(t1);
    return c;
}

}  // namespace guichet::ccid
