// config/payment.toml: device addresses, every key checked with file:line, the sample valid.
#include <catch2/catch.hpp>

#include "kiosk/payment/payment_config.hpp"

using namespace guichet;
using namespace guichet::payment;

TEST_CASE("payment.config_device_addresses", "[payment]") {
    auto tcp = parseDeviceAddress("tcp://192.168.1.50:8888");
    REQUIRE(tcp);
    CHECK(tcp->host == "192.168.1.50");
    CHECK(tcp->port == 8888);
    CHECK(parseDeviceAddress("tcp://tpe.local")->port == 8888);
    auto usb = parseDeviceAddress("usb:0B00:0084");
    REQUIRE(usb);
    CHECK(usb->vid == 0x0b00);
    CHECK(usb->text() == "usb:0b00:0084");
    CHECK(parseDeviceAddress("auto")->kind == DeviceAddress::Kind::Auto);
    for (const char* bad : {"tcp://", "tcp://h:0", "tcp://h:70000", "tcp://h:x", "usb:0b00", "usb:zz:01", "com1", ""}) {
        INFO(bad);
        auto r = parseDeviceAddress(bad);
        REQUIRE_FALSE(r);
        CHECK_FALSE(r.error().message.empty());
    }
}

TEST_CASE("payment.config_file_errors_name_the_line", "[payment]") {
    auto sample = loadPaymentConfig(std::string(GUICHET_SOURCE_DIR) + "/config/payment.toml");
    REQUIRE(sample);
    CHECK_FALSE(sample->enabled);
    auto none = parsePaymentConfig("", "p.toml");
    REQUIRE(none);
    CHECK_FALSE(none->enabled);
    auto ok = parsePaymentConfig("[payment]\nenabled = true\ndevice = \"tcp://127.0.0.1:9\"\nanswer_timeout_s = 60\n", "p.toml");
    REQUIRE(ok);
    CHECK(ok->timeouts.answer.count() == 60000);
    struct Case { const char* toml; const char* expect; };
    for (auto c : {Case{"[payment]\nenabled = true\n", "p.toml:1: payment.device: missing"},
                   Case{"[payment]\n\ndevice = \"ftp://x\"\n", "p.toml:3: payment.device:"},
                   Case{"[payment]\ncurrency = \"EURO\"\n", "p.toml:2: payment.currency"},
                   Case{"[payment]\nanswer_timeout_s = 5\n", "p.toml:2: payment.answer_timeout_s: must be a whole number from 10"},
                   Case{"[payment]\ncolour = 1\n", "p.toml:2: unknown key payment.colour"},
                   Case{"[payment\n", "p.toml:1:"}}) {
        INFO(c.toml);
        auto r = parsePaymentConfig(c.toml, "p.toml");
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find(c.expect) == 0);
    }
}
