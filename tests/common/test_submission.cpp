#include <catch2/catch.hpp>

#include <set>

#include "kiosk/submission/submission.hpp"

using namespace guichet;

TEST_CASE("submission.uuid is a random v4 UUID", "[submission]") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        auto u = newUuid();
        REQUIRE(u.size() == 36);
        CHECK(u[14] == '4');
        CHECK((u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b'));
        seen.insert(u);
    }
    CHECK(seen.size() == 200);
}

TEST_CASE("submission.reference is readable and has no ambiguous letters", "[submission]") {
    for (int i = 0; i < 500; ++i) {
        auto r = referenceFromUuid(newUuid());
        REQUIRE(r.size() == 12);
        CHECK(r.substr(0, 3) == "GU-");
        CHECK(r[7] == '-');
        for (char c : r.substr(3)) {
            if (c == '-') continue;
            CHECK(std::string("ILOU01").find(c) == std::string::npos);
        }
    }
    auto u = newUuid();
    CHECK(referenceFromUuid(u) == referenceFromUuid(u));  // stable: derived, not random
}

TEST_CASE("submission.json round-trips and rejects malformed input", "[submission]") {
    Submission s;
    s.uuid = newUuid();
    s.reference = referenceFromUuid(s.uuid);
    s.procedureId = "acte-naissance";
    s.procedureVersion = 3;
    s.connector = "directory";
    s.language = "fr";
    s.answers = {{"nom", "Lefèvre"}, {"copies", 2}};
    auto back = Submission::fromJson(s.toJson());
    REQUIRE(back.ok());
    CHECK(back->uuid == s.uuid);
    CHECK(back->procedureVersion == 3);
    CHECK(back->answers["nom"] == "Lefèvre");

    CHECK_FALSE(Submission::fromJson(nlohmann::json::object()).ok());
    CHECK_FALSE(Submission::fromJson({{"uuid", "short"}, {"procedure", {{"id", "x"}}}}).ok());
    CHECK_FALSE(Submission::fromJson({{"uuid", s.uuid}, {"procedure", {{"id", "x"}}}, {"answers", 3}}).ok());
}

TEST_CASE("submission.wipe overwrites answers and attachments", "[submission]") {
    Submission s;
    s.answers = {{"nom", "Martin"}, {"enfants", {"Léa", "Tom"}}};
    s.attachments.push_back({"id.jpg", "image/jpeg", Bytes(64, 0xAB)});
    std::string& nom = s.answers["nom"].get_ref<std::string&>();
    const char* raw = nom.data();
    s.wipe();
    CHECK(s.answers.empty());
    CHECK(s.attachments.empty());
    (void)raw;  // the storage was freed after wiping; wipe of strings is tested in common.secureWipe
}
