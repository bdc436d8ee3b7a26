#include <catch2/catch.hpp>

#include "kiosk/speech/multitap.hpp"

using namespace guichet::speech;
using Clock = MultiTap::Clock;

namespace {
// Applies multi-tap edits to a string, as the text field would.
std::string type(MultiTap& mt, const std::string& keys, Clock::time_point& now, std::chrono::milliseconds gap) {
    std::string out;
    for (char k : keys) {
        if (k == ' ') {  // a pause
            now += MultiTap::kCommitDelay;
            continue;
        }
        auto e = mt.press(k, now);
        now += gap;
        if (!e) continue;
        if (e->replaceLast && !out.empty()) {
            std::size_t n = 1;
            while (n < out.size() && (static_cast<unsigned char>(out[out.size() - n]) & 0xC0) == 0x80) ++n;
            out.erase(out.size() - n);
        }
        out += e->character;
    }
    return out;
}
}  // namespace

TEST_CASE("speech.multitap types words on a numeric keypad") {
    MultiTap mt;
    Clock::time_point now{};
    // p-a-r-i-s : 7, 2, 777, 444, 7777
    CHECK(type(mt, "7 2 777 444 7777", now, std::chrono::milliseconds(200)) == "paris");
}

TEST_CASE("speech.multitap another key commits, the same key cycles, the digit comes last") {
    MultiTap mt;
    Clock::time_point now{};
    CHECK(type(mt, "23", now, std::chrono::milliseconds(100)) == "ad");
    MultiTap mt2;
    CHECK(type(mt2, "2222222", now, std::chrono::milliseconds(100)) == "2");
    MultiTap mt3;
    CHECK(type(mt3, "22222222", now, std::chrono::milliseconds(100)) == "a");  // wraps around
}

TEST_CASE("speech.multitap accented French letters and a pause") {
    MultiTap mt;
    Clock::time_point now{};
    CHECK(type(mt, "3333 3333", now, std::chrono::milliseconds(100)) == "éé");
    CHECK_FALSE(mt.pending(now + MultiTap::kCommitDelay));
}

TEST_CASE("speech.multitap a key that is not a digit commits and types nothing") {
    MultiTap mt;
    Clock::time_point now{};
    CHECK(mt.press('2', now).has_value());
    CHECK(mt.pending(now));
    CHECK_FALSE(mt.press('#', now).has_value());
    CHECK_FALSE(mt.pending(now));
    auto e = mt.press('2', now);
    REQUIRE(e);
    CHECK_FALSE(e->replaceLast);  // not cycling after the commit
}

TEST_CASE("speech.multitap the commit delay is adjustable") {
    MultiTap slow(std::chrono::milliseconds(3000));
    Clock::time_point now{};
    CHECK(type(slow, "22", now, std::chrono::milliseconds(2000)) == "b");
    MultiTap quick(std::chrono::milliseconds(500));
    CHECK(type(quick, "22", now, std::chrono::milliseconds(600)) == "aa");
}
