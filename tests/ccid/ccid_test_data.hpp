// Class descriptors of real readers, written out byte by byte from the decoded dumps in
// shared/device-data/ccid (LudovicRousseau/CCID, readers/*.txt).
#pragma once

#include "drivers/common/bytes.hpp"

namespace guichet::ccidtest {

// Gemalto_IDBridge_CT30.txt: 08E6:3437, TPDU, T=0/1, 4.8 MHz, 53 data rates, IFSD 254.
inline Bytes idBridgeCt30ClassDescriptor() {
    return *fromHex("36 21 01 01 00 07 03 00 00 00 C0 12 00 00 C0 12 00 00 00 67 32 00 00 CE 99 0C 00 35"
                    " FE 00 00 00 00 00 00 00 00 00 00 00 30 02 01 00 0F 01 00 00 00 00 00 00 00 01");
}

// ACR122U_PICC.txt: 072F:2200, short APDU, T=1 only, automatic parameter negotiation.
inline Bytes acr122uClassDescriptor() {
    return *fromHex("36 21 00 01 00 07 02 00 00 00 A0 0F 00 00 A0 0F 00 00 00 00 2A 00 00 90 D0 03 00 00"
                    " 00 01 00 00 00 00 00 00 00 00 00 00 40 00 02 00 0F 01 00 00 00 00 00 00 00 01");
}

// Identiv_uTrust_3700_F_CL_Reader.txt: 04E6:5790, extended APDU, 5 V only, 1034-byte messages.
inline Bytes uTrust3700ClassDescriptor() {
    return *fromHex("36 21 10 01 00 01 03 00 00 00 C0 12 00 00 E0 2E 00 00 00 67 32 00 00 E7 4C 06 00 00"
                    " 00 04 00 00 00 00 00 00 01 00 00 00 BE 04 04 00 0A 04 00 00 FF FF 00 00 00 01");
}

// A configuration descriptor: one interface (class 0x0B), three endpoints, and the class
// descriptor either right after the interface or after the last endpoint.
inline Bytes ccidConfiguration(const Bytes& classDescriptor, bool afterEndpoints) {
    Bytes iface = *fromHex("09 04 00 00 03 0B 00 00 00");
    Bytes eps = *fromHex("07 05 02 02 40 00 00  07 05 82 02 40 00 00  07 05 83 03 08 00 18");
    Bytes body = iface;
    if (!afterEndpoints) body.insert(body.end(), classDescriptor.begin(), classDescriptor.end());
    body.insert(body.end(), eps.begin(), eps.end());
    if (afterEndpoints) body.insert(body.end(), classDescriptor.begin(), classDescriptor.end());
    const std::size_t total = 9 + body.size();
    Bytes cfg{0x09, 0x02, static_cast<std::uint8_t>(total), static_cast<std::uint8_t>(total >> 8), 0x01, 0x01, 0x00, 0x80, 0x32};
    cfg.insert(cfg.end(), body.begin(), body.end());
    return cfg;
}

}  // namespace guichet::ccidtest
