// The operator console's door: the opening gesture (corner taps, key sequence) and the PIN
// gate (argon2id hash, five wrong PINs lock five minutes, the PIN never kept).
#include <sodium.h>

#include <catch2/catch.hpp>

#include "kiosk/console/opening_gesture.hpp"
#include "kiosk/console/pin_gate.hpp"

using namespace guichet::console;
using namespace std::chrono_literals;
using TP = std::chrono::steady_clock::time_point;

namespace {

std::string hashOf(const std::string& pin) {
    REQUIRE(sodium_init() >= 0);
    char out[crypto_pwhash_STRBYTES];
    // The cheapest argon2id parameters: the check is the same, the test stays fast.
    REQUIRE(crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
                                  crypto_pwhash_ALG_ARGON2ID13) == 0);
    return out;
}

}  // namespace

TEST_CASE("appliance.console_corner_taps_open", "[appliance]") {
    OpeningGesture g;
    TP t0{};
    for (int i = 0; i < 4; ++i) CHECK_FALSE(g.tap(10, 10, 1080, 1920, t0 + i * 500ms));
    CHECK(g.tap(20, 30, 1080, 1920, t0 + 2s));  // fifth within 3 s
    // Too slow: the first taps fall out of the window.
    for (int i = 0; i < 5; ++i) CHECK_FALSE(g.tap(10, 10, 1080, 1920, t0 + 10s + i * 1s));
    // A tap elsewhere starts over (a resident tapping the screen).
    for (int i = 0; i < 3; ++i) g.tap(10, 10, 1080, 1920, t0 + 20s + i * 100ms);
    CHECK_FALSE(g.tap(500, 900, 1080, 1920, t0 + 20s + 400ms));
    CHECK_FALSE(g.tap(10, 10, 1080, 1920, t0 + 20s + 500ms));
    CHECK_FALSE(g.tap(10, 10, 1080, 1920, t0 + 20s + 600ms));
}

TEST_CASE("appliance.console_key_sequence_opens", "[appliance]") {
    OpeningGesture g;
    TP t0{};
    const char* seq[] = {"0", "0", "0", "0"};
    for (int i = 0; i < 4; ++i) CHECK_FALSE(g.key(seq[i], t0 + i * 200ms));
    CHECK(g.key("enter", t0 + 1s));
    // A slip restarts the sequence; a slow one does not count.
    CHECK_FALSE(g.key("0", t0 + 5s));
    CHECK_FALSE(g.key("5", t0 + 5100ms));
    for (int i = 0; i < 4; ++i) g.key(seq[i], t0 + 6s + i * 1s);
    CHECK_FALSE(g.key("enter", t0 + 10s));  // 4 s after the first key
    // An extra 0 first (the key that woke the attract screen) does not spoil it.
    for (int i = 0; i < 5; ++i) CHECK_FALSE(g.key("0", t0 + 20s + i * 300ms));
    CHECK(g.key("enter", t0 + 21600ms));
    // Enter alone, or in the middle, is just Enter.
    CHECK_FALSE(g.key("enter", t0 + 30s));
    g.key("0", t0 + 31s);
    g.key("0", t0 + 31200ms);
    g.key("enter", t0 + 31400ms);
    g.key("0", t0 + 31600ms);
    CHECK_FALSE(g.key("0", t0 + 31800ms));
}

TEST_CASE("appliance.console_pin_right_wrong_lockout", "[appliance]") {
    auto now = std::make_shared<TP>();
    PinGate gate(hashOf("2468"), [now] { return *now; });
    std::string pin = "2468";
    CHECK(gate.submit(pin) == PinGate::Outcome::Accepted);
    CHECK(pin.empty());  // the caller's buffer is wiped
    for (int i = 1; i <= 4; ++i) {
        std::string wrong = "1111";
        CHECK(gate.submit(wrong) == PinGate::Outcome::Wrong);
        CHECK(gate.failures() == i);
    }
    std::string fifth = "1234";
    CHECK(gate.submit(fifth) == PinGate::Outcome::Locked);
    CHECK(gate.locked());
    CHECK(gate.secondsLeftLocked() == 300);
    std::string right = "2468";
    CHECK(gate.submit(right) == PinGate::Outcome::Locked);  // even the right PIN, while locked
    *now += 4min + 59s;
    right = "2468";
    CHECK(gate.submit(right) == PinGate::Outcome::Locked);
    *now += 2s;
    CHECK_FALSE(gate.locked());
    right = "2468";
    CHECK(gate.submit(right) == PinGate::Outcome::Accepted);
}

TEST_CASE("appliance.console_without_pin_never_opens", "[appliance]") {
    PinGate gate("");
    std::string pin = "0000";
    CHECK(gate.submit(pin) == PinGate::Outcome::NotConfigured);
    CHECK(looksLikeArgon2idHash(hashOf("1357")));
    CHECK_FALSE(looksLikeArgon2idHash("1357"));
    CHECK_FALSE(looksLikeArgon2idHash("$argon2i$v=19$m=4096,t=3,p=1$abc$def"));  // argon2i, not id
}

#include "tests/appliance/appliance_fixtures.hpp"

TEST_CASE("appliance.pin_hash_command", "[appliance]") {
    using guichet::test::runShell;
    auto r = runShell("echo 2468 | " + std::string(GUICHETCTL) + " pin hash");
    INFO(r.out);
    REQUIRE(r.exitCode == 0);
    std::string hash = r.out.substr(0, r.out.find('\n'));
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(r.out.find("2468") == std::string::npos);  // never echoed
    CHECK(crypto_pwhash_str_verify(hash.c_str(), "2468", 4) == 0);
    CHECK(crypto_pwhash_str_verify(hash.c_str(), "2469", 4) != 0);
    auto bad = runShell("echo 12ab | " + std::string(GUICHETCTL) + " pin hash");
    CHECK(bad.exitCode == 1);
    CHECK(bad.out.find("4 to 8 digits") != std::string::npos);
}
