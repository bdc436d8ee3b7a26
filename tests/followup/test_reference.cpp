// What a resident types or a barcode reader sends, before anything is looked up.
#include <catch2/catch.hpp>

#include "kiosk/followup/guess_guard.hpp"
#include "kiosk/followup/key_burst.hpp"
#include "kiosk/followup/reference_input.hpp"
#include "kiosk/submission/submission.hpp"

using namespace guichet;
using namespace guichet::followup;

TEST_CASE("followup.reference: case, dashes, spaces and the prefix are optional", "[followup]") {
    for (const char* typed : {"GU-7K3M-9QX2", "gu-7k3m-9qx2", "GU7K3M9QX2", "7K3M-9QX2", " 7k3m 9qx2 ", "gu 7K3M 9qx2"}) {
        auto r = normaliseReference(typed);
        INFO(typed);
        REQUIRE(r.ok);
        CHECK(r.canonical == "GU-7K3M-9QX2");
    }
    // Every generated reference reads back as itself.
    for (int i = 0; i < 200; ++i) {
        auto ref = referenceFromUuid(newUuid());
        auto r = normaliseReference(ref);
        REQUIRE(r.ok);
        CHECK(r.canonical == ref);
    }
}

TEST_CASE("followup.reference: look-alike characters are explained, not guessed", "[followup]") {
    for (const char* typed : {"GU-7K3O-9QX2", "GU-7K30-9QX2", "GU-7K3I-9QX2", "GU-7K31-9QX2", "gu-7k3l-9qx2"}) {
        auto r = normaliseReference(typed);
        INFO(typed);
        CHECK_FALSE(r.ok);
        CHECK(r.confusable);  // not counted as a guess by the screen
        CHECK(r.problem.find("0, O, 1, I, L") != std::string::npos);
    }
}

TEST_CASE("followup.reference: nonsense gets a message with an example", "[followup]") {
    for (const char* typed : {"", "GU-7K3M", "GU-7K3M-9QX2-ABCD", "bonjour madame"}) {
        auto r = normaliseReference(typed);
        INFO(typed);
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.problem.empty());
    }
    auto r = normaliseReference("GU-7K3M/9QX2");
    CHECK_FALSE(r.ok);
    CHECK(r.problem.find("lettres et des chiffres") != std::string::npos);
    CHECK(normaliseReference("GU-7K3M-9QX2'; DROP TABLE submissions;--").ok == false);
}

TEST_CASE("followup.reference: 8 symbols of 30 make about 39 bits", "[followup]") {
    CHECK(referenceSpaceBits() == Approx(39.25).margin(0.01));
}

TEST_CASE("followup.guard: five unknown references, then 30 s between tries", "[followup]") {
    GuessGuard g;
    std::int64_t t = 1'000'000;
    for (int i = 0; i < 4; ++i) {
        CHECK(g.waitMs(t) == 0);
        g.recordUnknown(t);
    }
    CHECK(g.waitMs(t) == 0);
    g.recordUnknown(t);  // the fifth
    CHECK(g.waitMs(t) == 30'000);
    CHECK(g.waitMs(t + 29'999) == 1);
    CHECK(g.waitMs(t + 30'000) == 0);
    g.recordUnknown(t + 30'000);  // and every further miss pauses again
    CHECK(g.waitMs(t + 30'001) > 29'000);
    g.reset();
    CHECK(g.waitMs(t + 30'001) == 0);
    CHECK(g.unknownCount() == 0);
}

TEST_CASE("followup.burst: a reader's burst is a reference, a person's typing is not", "[followup]") {
    KeyBurst b;
    std::int64_t t = 5000;
    for (char c : std::string("GU-7K3M-9QX2")) b.feed(c, t += 4);
    auto got = b.enter(t + 5);
    REQUIRE(got);
    CHECK(*got == "GU-7K3M-9QX2");
    CHECK_FALSE(b.enter(t + 6));  // consumed

    for (char c : std::string("GU-7K3M-9QX2")) b.feed(c, t += 120);  // a person at 8 keys/s
    CHECK_FALSE(b.enter(t + 100));

    for (char c : std::string("GU-7K")) b.feed(c, t += 3);  // too short to be a reference
    CHECK_FALSE(b.enter(t + 3));

    for (char c : std::string("GU-7K3M 9QX2")) b.feed(c, t += 3);  // a space: not what a reader sends
    CHECK_FALSE(b.enter(t + 3));

    // The receipt's QR holds the town's follow-up URL with the reference in it.
    for (char c : std::string("https://www.bellerive.fr/suivi?ref=GU-7K3M-9QX2")) b.feed(c, t += 2);
    auto fromUrl = b.enter(t + 2);
    REQUIRE(fromUrl);
    CHECK(*fromUrl == "GU-7K3M-9QX2");
    CHECK(KeyBurst::referenceIn("https://x.fr/suivi/GU-2345-6789/") == "GU-2345-6789");
    CHECK(KeyBurst::referenceIn("ABCDEFGHJK") == "ABCDEFGHJK");

    for (char c : std::string("GU-7K3M-9QX2")) b.feed(c, t += 3);
    CHECK_FALSE(b.enter(t + 500));  // Enter long after: a person pressing it

    b.feed('x', t += 1000);  // a stray key, then a burst after a pause: the burst counts alone
    for (char c : std::string("GU-7K3M-9QX2")) b.feed(c, t += (c == 'G' ? 400 : 3));
    auto again = b.enter(t + 2);
    REQUIRE(again);
    CHECK(*again == "GU-7K3M-9QX2");
}
