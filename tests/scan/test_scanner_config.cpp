// config/scanner.toml: the sample parses, defaults hold, mistakes name file and line.
#include <catch2/catch.hpp>

#include "kiosk/scan/scanner_config.hpp"

using namespace guichet;
using namespace guichet::scan;

TEST_CASE("scan.config the sample file loads") {
    auto c = loadScannerConfig(std::string(GUICHET_SOURCE_DIR) + "/config/scanner.toml");
    REQUIRE(c.ok());
    CHECK(c->device == "auto");
    CHECK(c->dpi == 300);
    CHECK(c->color);
    CHECK(c->retry.maxBusyRetries == 30);
    CHECK(c->attachment.format == AttachmentFormat::Pdf);
    CHECK(c->attachment.maxBytes == 4194304);
}

TEST_CASE("scan.config values and defaults") {
    auto c = parseScannerConfig("[scanner]\ndevice = \"http://127.0.0.1:60000/eSCL\"\ncolor = false\n"
                                "[attachment]\nformat = \"auto\"\nmax_bytes = 100000\n", "t.toml");
    REQUIRE(c.ok());
    CHECK(c->device == "http://127.0.0.1:60000/eSCL");
    CHECK_FALSE(c->color);
    CHECK(c->dpi == 300);
    CHECK(c->attachment.format == AttachmentFormat::Auto);
    CHECK(c->attachment.maxBytes == 100000);
    CHECK(parseScannerConfig("", "empty.toml").ok());
}

TEST_CASE("scan.config mistakes are reported as file:line: what") {
    struct Case { const char* text; const char* expected; };
    const Case cases[] = {
        {"[scanner]\n\nresolution = 5\n", "s.toml:3: resolution must be an integer from 75 to 1200"},
        {"[scanner]\ndevice = \"usb:12\"\n", "s.toml:2: scanner 'usb:12': expected usb:VID:PID"},
        {"[scanner]\ndevice = \"smb://x\"\n", "s.toml:2: scanner 'smb://x': expected auto, usb:VID:PID or http://HOST:PORT/eSCL"},
        {"[scanner]\ncolor = \"yes\"\n", "s.toml:2: color must be true or false"},
        {"[scanner]\nsource = \"adf\"\n", "s.toml:2: source must be \"auto\" or \"platen\""},
        {"[attachment]\nformat = \"tiff\"\n", "s.toml:2: format must be \"pdf\" or \"auto\""},
        {"[attachment]\nname = \"../etc\"\n", "s.toml:2: name must be a plain file name"},
        {"[scanner\n", "s.toml:1: "},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        auto r = parseScannerConfig(c.text, "s.toml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::InvalidArgument);
        CHECK(r.error().message.rfind(c.expected, 0) == 0);
    }
    CHECK(loadScannerConfig("/nonexistent/scanner.toml").error().code == ErrorCode::NotFound);
}
