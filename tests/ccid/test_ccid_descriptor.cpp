// CCID class descriptor parsing on real readers' descriptors (tests/data/device-data/ccid).
#include <catch2/catch.hpp>

#include <algorithm>

#include "drivers/ccid/ccid_descriptor.hpp"
#include "drivers/emulators/ccid/emulated_ccid_reader.hpp"
#include "tests/ccid/ccid_test_data.hpp"

using namespace guichet;
using namespace guichet::ccid;

TEST_CASE("ccid.descriptor of the IDBridge CT30 (TPDU contact reader)", "[ccid][descriptor]") {
    auto d = parseCcidClassDescriptor(ccidtest::idBridgeCt30ClassDescriptor());
    REQUIRE(d.ok());
    CHECK(d->bcdCcid == 0x0101);
    CHECK(d->maxSlotIndex == 0);
    CHECK(d->voltageSupport == (voltage::k5V | voltage::k3V | voltage::k1V8));
    CHECK(d->supportsProtocol(0));
    CHECK(d->supportsProtocol(1));
    CHECK(d->defaultClockKhz == 4800);
    CHECK(d->dataRate == 12903);
    CHECK(d->maxDataRate == 825806);
    CHECK(d->numDataRatesSupported == 53);
    CHECK(d->maxIfsd == 254);
    CHECK(d->features == 0x00010230);
    CHECK(d->exchangeLevel() == ExchangeLevel::Tpdu);
    CHECK_FALSE(d->negotiatesParametersItself());  // the host sends SetParameters
    CHECK_FALSE(d->has(feature::kAutoVoltage));    // the host selects the voltage
    CHECK(d->maxMessageLength == 271);
    CHECK(d->maxBusySlots == 1);
}

TEST_CASE("ccid.descriptor of the ACR122U (short-APDU contactless reader)", "[ccid][descriptor]") {
    auto d = parseCcidClassDescriptor(ccidtest::acr122uClassDescriptor());
    REQUIRE(d.ok());
    CHECK(d->bcdCcid == 0x0100);
    CHECK_FALSE(d->supportsProtocol(0));
    CHECK(d->supportsProtocol(1));
    CHECK(d->defaultClockKhz == 4000);
    CHECK(d->maxDataRate == 250000);
    CHECK(d->maxIfsd == 256);
    CHECK(d->exchangeLevel() == ExchangeLevel::ShortApdu);
    CHECK(d->negotiatesParametersItself());
    CHECK(d->maxMessageLength == 271);
}

TEST_CASE("ccid.descriptor of the uTrust 3700 F (extended APDU, 5 V only)", "[ccid][descriptor]") {
    auto d = parseCcidClassDescriptor(ccidtest::uTrust3700ClassDescriptor());
    REQUIRE(d.ok());
    CHECK(d->voltageSupport == voltage::k5V);
    CHECK(d->maximumClockKhz == 12000);
    CHECK(d->maxIfsd == 1024);
    CHECK(d->mechanical == 1);
    CHECK(d->exchangeLevel() == ExchangeLevel::ExtendedApdu);
    CHECK(d->has(feature::kAutoVoltage));
    CHECK(d->maxMessageLength == 1034);
    CHECK(d->classGetResponse == 0xFF);
}

TEST_CASE("ccid.descriptor encoder reproduces the real bytes", "[ccid][descriptor]") {
    for (const Bytes& real : {ccidtest::idBridgeCt30ClassDescriptor(), ccidtest::acr122uClassDescriptor(),
                              ccidtest::uTrust3700ClassDescriptor()}) {
        auto d = parseCcidClassDescriptor(real);
        REQUIRE(d.ok());
        CHECK(toHex(encodeCcidClassDescriptor(*d)) == toHex(real));
    }
    // The emulators present exactly the real readers' descriptors.
    CHECK(encodeCcidClassDescriptor(emu::idBridgeCt30().descriptor) == ccidtest::idBridgeCt30ClassDescriptor());
    CHECK(encodeCcidClassDescriptor(emu::acr122u().descriptor) == ccidtest::acr122uClassDescriptor());
}

TEST_CASE("ccid.descriptor is found before or after the endpoints", "[ccid][descriptor]") {
    for (bool after : {false, true}) {
        auto i = findCcidInterface(ccidtest::ccidConfiguration(ccidtest::idBridgeCt30ClassDescriptor(), after));
        REQUIRE(i.ok());
        CHECK(i->descriptorAfterEndpoints == after);
        CHECK(i->interfaceNumber == 0);
        CHECK(i->bulkOut == 0x02);
        CHECK(i->bulkIn == 0x82);
        CHECK(i->interruptIn == 0x83);
        CHECK(i->descriptor.features == 0x00010230);
    }
}

TEST_CASE("ccid.descriptor rejects truncated and foreign descriptors", "[ccid][descriptor]") {
    Bytes d = ccidtest::idBridgeCt30ClassDescriptor();
    auto cut = parseCcidClassDescriptor(std::span(d.data(), 40));
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error().message == "CCID class descriptor: 54 bytes announced, 40 present; 54 required");
    Bytes wrongType = d;
    wrongType[1] = 0x24;
    CHECK(parseCcidClassDescriptor(wrongType).error().message == "CCID class descriptor: type is not 0x21");
    Bytes tiny = d;
    tiny[44] = 8;
    tiny[45] = 0;
    CHECK(parseCcidClassDescriptor(tiny).error().message ==
          "CCID class descriptor: dwMaxCCIDMessageLength 8 is too small");

    // A printer interface: no CCID here.
    Bytes printer = *fromHex("09 02 20 00 01 01 00 80 32 09 04 00 00 02 07 01 02 00 07 05 01 02 40 00 00 07 05 82 02 40 00 00");
    CHECK(findCcidInterface(printer).error().code == ErrorCode::NotFound);
    // A descriptor whose bLength runs past the end.
    Bytes broken = ccidtest::ccidConfiguration(d, false);
    broken[9 + 9] = 0x70;
    CHECK(findCcidInterface(broken).error().message.find("bad length 112") != std::string::npos);
}

TEST_CASE("ccid.descriptor clamps dwMaxCCIDMessageLength to the standard's maximum", "[ccid][descriptor]") {
    Bytes d = ccidtest::idBridgeCt30ClassDescriptor();
    for (std::uint32_t announced : {0xFFFFFFFFu, 65555u, 65554u, 1034u}) {
        INFO(announced);
        d[44] = announced & 0xFF;
        d[45] = (announced >> 8) & 0xFF;
        d[46] = (announced >> 16) & 0xFF;
        d[47] = (announced >> 24) & 0xFF;
        auto parsed = parseCcidClassDescriptor(d);
        REQUIRE(parsed.ok());
        CHECK(parsed->maxMessageLength == std::min<std::uint32_t>(announced, 65544 + 10));
    }
}
