// guichetctl card, run as the operator runs it (the real binary, against the emulator).
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

namespace {

struct Run {
    int status;
    std::string out;
};

Run ctl(const std::string& args) {
    const std::string cmd = std::string(GUICHET_BINARY_DIR) + "/kiosk/ctl/guichetctl card " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    std::array<char, 512> buf;
    while (std::fgets(buf.data(), buf.size(), p)) out += buf.data();
    const int st = pclose(p);
    return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

}  // namespace

TEST_CASE("card.ctl atr decodes every interface byte", "[card][ctl]") {
    auto r = ctl("atr 3B F2 18 00 02 C1 0A 31 FE 58 C8 08 74");
    CHECK(r.status == 0);
    CHECK(r.out.find("TA1 = 0x18: Fi=372 Di=12 (f max 5 MHz)") != std::string::npos);
    CHECK(r.out.find("TC2 = 0x0A: T=0 waiting integer WI=10") != std::string::npos);
    CHECK(r.out.find("TB3 = 0x58: T=1 BWI=5 CWI=8") != std::string::npos);
    CHECK(r.out.find("protocols   T=1 (default T=1)") != std::string::npos);
    CHECK(r.out.find("TCK         0x74 (valid)") != std::string::npos);
}

TEST_CASE("card.ctl atr --json is machine-readable, bad TCK exits 1", "[card][ctl]") {
    auto r = ctl("atr '3B 88 80 01 00 00 00 00 77 83 95 00 00' --json");
    CHECK(r.status == 1);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["convention"] == "direct");
    CHECK(j["protocols"] == nlohmann::json::array({0, 1}));
    CHECK(j["tck"]["present"] == true);
    CHECK(j["tck"]["valid"] == false);
    CHECK(j["interfaceBytes"][0]["name"] == "TD1");
    CHECK(j["historical"] == "00 00 00 00 77 83 95 00");

    auto inv = ctl("atr 3F 65 35 10 01 04 EC 90 00 --json");
    CHECK(inv.status == 0);
    CHECK(nlohmann::json::parse(inv.out)["convention"] == "inverse");
    CHECK(nlohmann::json::parse(inv.out)["tck"]["present"] == false);
}

TEST_CASE("card.ctl atr errors: truncated is 1, not hex is 2", "[card][ctl]") {
    auto t = ctl("atr 3B F2 18");
    CHECK(t.status == 1);
    CHECK(t.out == "guichetctl card atr: ATR: truncated: TB1 is announced but missing (byte 3)\n"
                   "guichetctl card atr: unusable: the card session would try the next voltage, then refuse it\n");
    // An ATR that bends the standard: refused here, but the card would work in the terminal.
    auto bent = ctl("atr 3B 02 14 50 11");
    CHECK(bent.status == 1);
    CHECK(bent.out == "guichetctl card atr: ATR: too long: the ATR ends at byte 4 but 5 bytes were received\n"
                      "guichetctl card atr: the card session would still accept it (protocol T=0), with a warning\n");
    CHECK(ctl("atr 3B ZZ").status == 2);
    CHECK(ctl("frobnicate").status == 2);
}

TEST_CASE("card.ctl read and apdu against the emulated readers", "[card][ctl]") {
    const std::string config = std::string("--config ") + GUICHET_SOURCE_DIR + "/config/card.toml";
    auto t0 = ctl("read " + config + " --emulator ct30 --card t0");
    CHECK(t0.status == 0);
    CHECK(t0.out.find("protocol    T=0") != std::string::npos);
    CHECK(t0.out.find("identifier  CV-75056-004217") != std::string::npos);

    auto mute = ctl("read " + config + " --emulator ct30 --card mute");
    CHECK(mute.status == 1);
    CHECK(mute.out.find("card mute") != std::string::npos);

    auto a = ctl("apdu 'FF CA 00 00 00' 00A4040008F04755494348455400 --emulator acr122u");
    CHECK(a.status == 0);
    CHECK(a.out.find("< 04 52 3A 6A 91 2B 80  9000 success") != std::string::npos);
    CHECK(a.out.find("< 6F 0A 84 08 F0 47 55 49 43 48 45 54  9000 success") != std::string::npos);
    CHECK(ctl("apdu 00A4 --emulator ct30").status == 2);  // not an APDU
}
