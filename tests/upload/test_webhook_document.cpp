// The webhook document written straight from the sealed payload's text (no parse, no dump)
// must be the very bytes the parsed path gives, for any answers and entry fields; a payload
// in another shape falls back to the parsed path.
#include <catch2/catch.hpp>

#include "kiosk/upload/webhook_document.hpp"
#include "tests/upload/upload_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;
using nlohmann::json;

namespace {

std::string text(const Bytes& b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

}  // namespace

TEST_CASE("upload.webhook-document from the payload: the same bytes as parsing and dumping") {
    UploadBench b;
    auto store = b.open();
    std::vector<Submission> subs;
    subs.push_back(sampleSubmission(1, "webhook", "signalement-voirie"));
    auto odd = sampleSubmission(2, "webhook", "p\"roc\\édure");
    odd.terminalId = "borne \"hall\" n°2\t";
    odd.language = "fr";
    // Nested keys that look like the payload's own, numbers of every kind, escapes, emoji.
    odd.answers = {{"attachment_names", {"x"}}, {"n", {{"attachment_names", json::array()}}},
                   {"float", 0.1},  {"big", 18446744073709551615ull}, {"neg", -42},
                   {"ctl", "a\x01b\n\"c\"\\"}, {"emoji", "\xF0\x9F\x98\x80 ça"}, {"null", nullptr},
                   {"empty", json::object()}};
    subs.push_back(odd);
    auto bare = sampleSubmission(3, "webhook", "p");
    bare.answers = json::object();
    subs.push_back(bare);
    for (auto& s : subs) REQUIRE(store->store(s).ok());

    for (const auto& s : subs) {
        auto entry = entryOf(*store, s.uuid);
        for (int variant = 0; variant < 2; ++variant) {
            entry.attempts = variant ? 7 : 1;
            entry.ambiguous = variant;
            auto plain = store->loadPayload(entry);
            REQUIRE(plain.ok());
            auto direct = upload::webhookJsonFromPayload(entry, text(*plain));
            auto sub = store->loadSubmission(entry);
            REQUIRE(sub.ok());
            const std::string parsed = upload::webhookDocument(*sub, entry, {}, false).dump();
            REQUIRE(direct.has_value());
            CHECK(*direct == parsed);
            CHECK(json::parse(*direct)["answers"] == s.answers);
        }
    }
}

TEST_CASE("upload.webhook-document a payload in another shape is left to the parsed path") {
    outbox::Entry e;
    e.uuid = "00000000-0000-4000-8000-000000000001";
    CHECK_FALSE(upload::webhookJsonFromPayload(e, R"({"answers":{},"attachment_names":["scan.pdf"]})"));
    CHECK_FALSE(upload::webhookJsonFromPayload(e, R"({"answers":{"a":1}})"));
    CHECK_FALSE(upload::webhookJsonFromPayload(e, R"({"attachment_names":[],"answers":{}})"));
    CHECK_FALSE(upload::webhookJsonFromPayload(e, R"({"answers":[1],"attachment_names":[]})"));
    CHECK_FALSE(upload::webhookJsonFromPayload(e, ""));
    CHECK(upload::webhookJsonFromPayload(e, R"({"answers":{},"attachment_names":[]})"));
}
