// Which card reader is used when several are plugged in (kiosk/card/reader_choice.hpp), and
// the [card] reader key that names the configured one.
#include <catch2/catch.hpp>

#include "kiosk/card/card_config.hpp"
#include "kiosk/card/reader_choice.hpp"

using namespace guichet::card;

TEST_CASE("devices.reader choice: the first seen is used, a second one is ignored with a reason", "[devices]") {
    auto c = chooseReader({"usb:08e6:3437@1-4"}, "", "");
    CHECK(c.inUse == "usb:08e6:3437@1-4");
    CHECK(c.ignored.empty());

    // A second reader arrives: the one in use stays, the newcomer is listed, not used.
    c = chooseReader({"usb:08e6:3437@1-4", "usb:072f:2200@1-5"}, "", "usb:08e6:3437@1-4");
    CHECK(c.inUse == "usb:08e6:3437@1-4");
    REQUIRE(c.ignored.size() == 1);
    CHECK(c.ignored[0].deviceId == "usb:072f:2200@1-5");
    CHECK(c.ignored[0].reason.find("un autre lecteur est déjà utilisé (usb:08e6:3437@1-4)") != std::string::npos);
    CHECK(c.ignored[0].reason.find("reader = \"usb:072f:2200@1-5\"") != std::string::npos);

    // Order of arrival matters, not the order of the list when one is already in use.
    c = chooseReader({"usb:072f:2200@1-5", "usb:08e6:3437@1-4"}, "", "usb:08e6:3437@1-4");
    CHECK(c.inUse == "usb:08e6:3437@1-4");

    // The one in use leaves: the other one takes over.
    c = chooseReader({"usb:072f:2200@1-5"}, "", "usb:08e6:3437@1-4");
    CHECK(c.inUse == "usb:072f:2200@1-5");
    CHECK(c.ignored.empty());

    CHECK(chooseReader({}, "", "usb:08e6:3437@1-4").inUse.empty());
}

TEST_CASE("devices.reader choice: the configured reader wins over the one in use", "[devices]") {
    auto c = chooseReader({"usb:08e6:3437@1-4", "usb:072f:2200@1-5"}, "usb:072f:2200", "usb:08e6:3437@1-4");
    CHECK(c.inUse == "usb:072f:2200@1-5");
    REQUIRE(c.ignored.size() == 1);
    CHECK(c.ignored[0].deviceId == "usb:08e6:3437@1-4");
    CHECK(c.ignored[0].reason.find("le lecteur configuré est prioritaire") != std::string::npos);

    // A port in the selector: only that socket; two readers of one model are told apart.
    c = chooseReader({"usb:08e6:3437@1-4", "usb:08e6:3437@1-6"}, "usb:08e6:3437@1-6", "");
    CHECK(c.inUse == "usb:08e6:3437@1-6");
    // The configured one is absent: the first seen is used rather than no reader at all.
    c = chooseReader({"usb:08e6:3437@1-4"}, "usb:072f:2200", "");
    CHECK(c.inUse == "usb:08e6:3437@1-4");
}

TEST_CASE("devices.reader selector syntax and matching", "[devices]") {
    CHECK(isReaderSelector("usb:08e6:3437"));
    CHECK(isReaderSelector("usb:08E6:3437@1-4.2"));
    CHECK_FALSE(isReaderSelector("08e6:3437"));
    CHECK_FALSE(isReaderSelector("usb:8e6:3437"));
    CHECK_FALSE(isReaderSelector("usb:08e6:3437@"));
    CHECK_FALSE(isReaderSelector("usb:08e6:3437@1-"));
    CHECK_FALSE(isReaderSelector("usb:08e6:3437@1-4..2"));
    CHECK(readerMatches("usb:08E6:3437", "usb:08e6:3437@1-4"));
    CHECK_FALSE(readerMatches("usb:08e6:343", "usb:08e6:3437@1-4"));
    CHECK_FALSE(readerMatches("usb:08e6:3437@1-5", "usb:08e6:3437@1-4"));
    CHECK_FALSE(readerMatches("", "usb:08e6:3437@1-4"));
}

TEST_CASE("devices.[card] reader is checked with the file and line", "[devices]") {
    const std::string head = "[card]\nidentifier = \"uid\"\n";
    auto ok = parseCardConfig(head + "reader = \"usb:072f:2200@1-5\"\n", "card.toml");
    REQUIRE(ok.ok());
    CHECK(ok->reader == "usb:072f:2200@1-5");
    auto bad = parseCardConfig(head + "reader = \"ACR122U\"\n", "card.toml");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("card.toml:3:") == 0);
    CHECK(bad.error().message.find("usb:VID:PID") != std::string::npos);
}
