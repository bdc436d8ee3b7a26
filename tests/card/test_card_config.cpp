// config/card.toml: the sample loads; mistakes are reported as file:line with a fix.
#include <catch2/catch.hpp>

#include "kiosk/card/card_config.hpp"

using namespace guichet;
using namespace guichet::card;

static std::string errorOf(const char* toml) {
    auto c = parseCardConfig(toml, "card.toml");
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == ErrorCode::InvalidArgument);
    return c.error().message;
}

TEST_CASE("card.config the sample file loads", "[card][config]") {
    auto c = loadCardConfig(std::string(GUICHET_SOURCE_DIR) + "/config/card.toml");
    REQUIRE(c.ok());
    CHECK(c->source == IdentifierSource::ApplicationFile);
    CHECK(toHex(c->aid) == "F0 47 55 49 43 48 45 54");
    CHECK(c->fileId == 0xE101);
    CHECK(c->length == 15);
    CHECK(c->encoding == IdentifierEncoding::Ascii);
    CHECK(c->commandTimeout == std::chrono::milliseconds(3000));
    CHECK(c->warnings.empty());
}

TEST_CASE("card.config uid mode warns about random UIDs", "[card][config]") {
    auto c = parseCardConfig("[card]\nidentifier = \"uid\"\naid = \"F0 47 55 49 43\"\n", "card.toml");
    REQUIRE(c.ok());
    CHECK(c->source == IdentifierSource::ContactlessUid);
    REQUIRE(c->warnings.size() == 2);
    CHECK(c->warnings[0].rfind("card.toml:2: warning: identifier = \"uid\" reads the contactless UID.", 0) == 0);
    CHECK(c->warnings[0].find("random UID") != std::string::npos);
    CHECK(c->warnings[1] == "card.toml:3: warning: 'aid' is ignored with identifier = \"uid\"");
}

TEST_CASE("card.config reports mistakes with file:line", "[card][config]") {
    CHECK(errorOf("[reader]\n") == "card.toml:1: missing [card] table");
    CHECK(errorOf("[card]\nidentifier = \"barcode\"\n") ==
          "card.toml:2: identifier must be \"file\" (an application's file) or \"uid\" (contactless UID), not \"barcode\"");
    CHECK(errorOf("[card]\nfile = \"E101\"\n") ==
          "card.toml:1: identifier = \"file\" needs aid = \"<hex>\" (the application's AID)");
    CHECK(errorOf("[card]\naid = \"F0 47\"\nfile = \"E101\"\n") ==
          "card.toml:2: aid must be 5 to 16 bytes of hex, e.g. \"F0 47 55 49 43 48 45 54\"");
    CHECK(errorOf("[card]\naid = \"F0 47 55 49 43\"\nfile = \"E1\"\n") ==
          "card.toml:3: file must be a 2-byte file id in hex, e.g. \"E101\"");
    CHECK(errorOf("[card]\naid = \"F0 47 55 49 43\"\nfile = \"E101\"\nlength = 0\n") ==
          "card.toml:4: length must be 1..256 bytes");
    CHECK(errorOf("[card]\naid = \"F0 47 55 49 43\"\nfile = \"E101\"\n\nencoding = \"utf16\"\n") ==
          "card.toml:5: encoding must be \"ascii\" or \"hex\"");
    CHECK(errorOf("[card]\ntimeout_ms = 5\n") == "card.toml:2: timeout_ms must be 100..60000");
    CHECK(errorOf("[card]\naid = \"F0 47 55 49 43\"\nfile = \"E101\"\nlenght = 4\n") ==
          "card.toml:4: unknown key 'lenght' in [card]");
    CHECK(errorOf("[card]\naid = \"F0\n").rfind("card.toml:2: ", 0) == 0);  // TOML syntax error
    CHECK(loadCardConfig("/nonexistent/card.toml").error().code == ErrorCode::NotFound);
}
