// Brings a card from "present" to "ready for APDUs": power on with voltage selection, ATR,
// protocol choice, parameters (skipped when the reader negotiates itself), IFSD for T=1,
// and the APDU channel matching the reader's exchange level.
#pragma once

#include <memory>

#include "drivers/ccid/apdu.hpp"
#include "drivers/ccid/atr.hpp"
#include "drivers/ccid/ccid_reader.hpp"

namespace guichet::ccid {

struct CardConnection {
    Atr atr;
    int protocol = 0;
    ExchangeLevel level = ExchangeLevel::Tpdu;
    std::optional<Voltage> voltage;
    bool parametersSet = false;
    std::unique_ptr<ApduChannel> channel;
    std::vector<std::string> atrDeviations;  // how the ATR bent ISO 7816-3 (logged, accepted)
};

// SetParameters' abProtocolDataStructure for the ATR (CCID §6.1.7). Fi/Di come from TA1
// only when they are in force: the reader does PPS itself, or TA2 imposes them.
Bytes protocolParameters(const Atr& atr, int protocol, bool readerDoesPps);

// The reader stays owned by the caller and must outlive the connection's channel.
Result<CardConnection> connectCard(CcidReader& reader);

}  // namespace guichet::ccid
