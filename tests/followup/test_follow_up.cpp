// "Suivre ma demande" against a real outbox (SQLite file, sealed payloads) and loopback
// back offices written from the public specifications: Open311, w.c.s., a webhook status
// URL, a shared folder. Checks what a resident would read — and that nothing personal is.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "kiosk/followup/follow_up.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "tests/followup/status_server.hpp"
#include "tests/outbox/ctl_runner.hpp"
#include "tests/outbox/outbox_fixtures.hpp"
#include "tests/support/receivers/receiver_process.hpp"

using namespace guichet;
using namespace guichet::followup;
using guichet::test::TempDir;

namespace {

struct Desk {
    TempDir dir;
    outbox::OutboxConfig cfg;
    std::unique_ptr<outbox::OutboxStore> store;
    Desk() {
        cfg.database = dir / "outbox.sqlite";
        cfg.keyFile = cfg.database + ".key";  // where guichetctl --db looks for it
        cfg.http.connectTimeoutMs = 1000;
        cfg.http.requestTimeoutMs = 2000;
        auto options = test::storeOptions(dir.path());
        options.keyFile = cfg.keyFile;
        store = test::openStore(options);
    }
    // Stores a demand routed to `connector`; when remoteId is given, it was sent and the
    // back office gave it that id.
    Submission add(int seed, const std::string& connector, const std::string& remoteId = "") {
        Submission s = test::makeSubmission(seed, {}, connector);
        REQUIRE(store->store(s));
        if (!remoteId.empty()) {
            auto claimed = store->claimNext(connector, outbox::nowMs() + 1000);
            REQUIRE(claimed);
            REQUIRE(*claimed);
            REQUIRE(store->markSent((*claimed)->id, remoteId, "", outbox::nowMs(), 201));
        }
        return s;
    }
};

// Nothing a resident answered may appear in what the follow-up shows or says.
void checkNothingPersonal(const FollowUpAnswer& a, const Submission& s) {
    const std::string shown = a.toJson().dump() + a.headline() + a.nextStep();
    for (const auto& [key, value] : s.answers.items()) {
        if (!value.is_string()) continue;
        INFO(key);
        CHECK(shown.find(value.get<std::string>()) == std::string::npos);
    }
    CHECK(shown.find("Dupont") == std::string::npos);
    CHECK(shown.find("Amélie") == std::string::npos);
}

}  // namespace

TEST_CASE("followup.outbox: stored, not yet sent", "[followup]") {
    Desk d;
    Submission s = d.add(1, "webhook");
    auto a = followUp(*d.store, d.cfg, s.reference, true);
    CHECK(a.kind == FollowUpAnswer::Kind::Stored);
    CHECK(a.procedureId == "signalement");
    CHECK(a.headline().find("bien enregistrée") != std::string::npos);
    CHECK(a.headline().find("dès que la connexion") != std::string::npos);
    CHECK_FALSE(a.remote);  // nothing asked over the network for a demand still here
    checkNothingPersonal(a, s);
}

TEST_CASE("followup.outbox: unknown reference says so, without more", "[followup]") {
    Desk d;
    d.add(2, "webhook");
    auto a = followUp(*d.store, d.cfg, "GU-2345-6789", true);
    CHECK(a.kind == FollowUpAnswer::Kind::Unknown);
    CHECK(a.headline().find("ne connaît pas") != std::string::npos);
    auto j = a.toJson();
    CHECK(j["state"] == "unknown");
    CHECK_FALSE(j.contains("procedure"));
}

TEST_CASE("followup.outbox: a rejected or dead demand sends the resident to the desk", "[followup]") {
    Desk d;
    Submission s = d.add(3, "webhook");
    auto claimed = d.store->claimNext("webhook", outbox::nowMs() + 1000);
    REQUIRE(claimed);
    REQUIRE(*claimed);
    REQUIRE(d.store->markRejected((*claimed)->id, "HTTP 422", outbox::nowMs(), 422));
    auto a = followUp(*d.store, d.cfg, s.reference, true);
    CHECK(a.kind == FollowUpAnswer::Kind::AtDesk);
    CHECK(a.nextStep().find("accueil") != std::string::npos);
}

TEST_CASE("followup.open311: the back office's status and notes", "[followup]") {
    Desk d;
    nlohmann::json answers = {
        {"/requests/638344.json",
         {200, nlohmann::json::array({{{"service_request_id", "638344"}, {"status", "closed"},
                                       {"status_notes", "Lampe remplacée le 3 décembre."},
                                       {"updated_datetime", "2026-12-03T10:15:00+01:00"}}})}},
        {"/requests/77.json", {200, "this is not json"}},
        {"/requests/78.json", {500, {{"error", "boom"}}}},
    };
    test::StatusServer server(answers, d.dir.path());
    d.cfg.open311 = outbox::Open311Config{};
    d.cfg.open311->url = server.url();
    d.cfg.open311->jurisdictionId = "rivebelle.fr";

    Submission s = d.add(4, "open311", "638344");
    auto a = followUp(*d.store, d.cfg, s.reference, true);
    REQUIRE(a.kind == FollowUpAnswer::Kind::Sent);
    REQUIRE(a.remote);
    CHECK(a.remote->kind == RemoteStatus::Kind::Answered);
    CHECK(a.remote->closed);
    CHECK(a.headline().find("transmise à la mairie") != std::string::npos);
    CHECK(a.headline().find("Votre demande est traitée") != std::string::npos);
    CHECK(a.headline().find("Lampe remplacée") != std::string::npos);
    CHECK(a.toJson()["back_office"]["updated_at"] == "2026-12-03T10:15:00+01:00");
    checkNothingPersonal(a, s);
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0]["path"] == "/requests/638344.json");
    CHECK(reqs[0]["query"] == "jurisdiction_id=rivebelle.fr");

    // A malformed answer or a server error is "not reachable now", never a crash or a guess.
    for (const char* id : {"77", "78", "404-unknown"}) {
        Desk other;
        other.cfg.open311 = d.cfg.open311;
        Submission t = other.add(5, "open311", id);
        auto b = followUp(*other.store, other.cfg, t.reference, true);
        INFO(id);
        REQUIRE(b.remote);
        CHECK(b.remote->kind == RemoteStatus::Kind::Unreachable);
        CHECK(b.headline().find("pas joignable pour le moment") != std::string::npos);
        CHECK(b.headline().find("bien enregistrée") != std::string::npos);
    }
}

TEST_CASE("followup.offline: the back office cannot be reached", "[followup]") {
    Desk d;
    d.cfg.open311 = outbox::Open311Config{};
    d.cfg.open311->url = "http://127.0.0.1:" + std::to_string(test::freePort());  // nobody listens
    Submission s = d.add(6, "open311", "12");
    auto a = followUp(*d.store, d.cfg, s.reference, true);
    REQUIRE(a.remote);
    CHECK(a.remote->kind == RemoteStatus::Kind::Unreachable);
    CHECK(a.headline().rfind("La mairie n'est pas joignable pour le moment. Votre demande est bien enregistrée (envoyée le ", 0) == 0);
    // Without asking (the terminal knows it is offline), the outbox's own view.
    auto local = followUp(*d.store, d.cfg, s.reference, false);
    CHECK_FALSE(local.remote);
    CHECK(local.headline().find("transmise à la mairie") != std::string::npos);
}

TEST_CASE("followup.wcs: the form's status through a signed request", "[followup]") {
    Desk d;
    nlohmann::json answers = {
        {"/api/forms/demande-acte/42/",
         {200, {{"id", "42"}, {"display_id", "12-42"}, {"last_update_time", "2026-12-04T09:00:00"},
                {"workflow", {{"status", {{"id", "3"}, {"name", "En cours d'instruction"}}}}},
                {"fields", {{"nom", "Dupont-7"}}}}}},
    };
    test::StatusServer server(answers, d.dir.path(), "s3cr3t", "borne-mairie");
    d.cfg.wcs = outbox::WcsConfig{};
    d.cfg.wcs->url = server.url();
    d.cfg.wcs->orig = "borne-mairie";
    d.cfg.wcs->key = "s3cr3t";
    d.cfg.wcs->formdefs["signalement"] = "demande-acte";
    Submission s = d.add(7, "wcs", "42");
    auto a = followUp(*d.store, d.cfg, s.reference, true);
    REQUIRE(a.remote);
    CHECK(a.remote->kind == RemoteStatus::Kind::Answered);
    CHECK_FALSE(a.remote->closed);
    CHECK(a.remote->status == "En cours d'instruction");
    CHECK(a.headline().find("en cours de traitement") != std::string::npos);
    // The form's fields came back from the server: none of them is shown.
    CHECK(a.toJson().dump().find("Dupont") == std::string::npos);
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0]["verdict"] == "ok");

    // A wrong key is refused by the server: unreachable, not a crash.
    d.cfg.wcs->key = "wrong";
    auto b = followUp(*d.store, d.cfg, s.reference, true);
    REQUIRE(b.remote);
    CHECK(b.remote->kind == RemoteStatus::Kind::Unreachable);
    CHECK(server.requests().back()["verdict"] == "bad signature");
}

TEST_CASE("followup.webhook: the integrator's status URL template", "[followup]") {
    Desk d;
    Submission s = d.add(8, "webhook", "bo-981");
    nlohmann::json answers = {
        {"/status/bo-981", {200, {{"status", "done"}, {"message", "Votre acte est prêt à l'accueil."},
                                  {"updated_at", "2026-12-05T16:00:00Z"}}}},
    };
    test::StatusServer server(answers, d.dir.path());
    d.cfg.webhook = outbox::WebhookConfig{};
    d.cfg.webhook->url = server.url() + "/submit";
    d.cfg.webhook->secret = "k";
    d.cfg.webhook->statusUrl = server.url() + "/status/{remote_id}";
    auto a = followUp(*d.store, d.cfg, s.reference, true);
    REQUIRE(a.remote);
    CHECK(a.remote->kind == RemoteStatus::Kind::Answered);
    CHECK(a.remote->closed);
    CHECK(a.headline().find("prêt à l'accueil") != std::string::npos);

    // Without a status URL the terminal answers from the outbox alone.
    d.cfg.webhook->statusUrl.clear();
    auto b = followUp(*d.store, d.cfg, s.reference, true);
    REQUIRE(b.remote);
    CHECK(b.remote->kind == RemoteStatus::Kind::NotSupported);
    CHECK(b.headline().find("transmise à la mairie") != std::string::npos);
}

TEST_CASE("followup.directory: staff drop a status.json in the demand's folder", "[followup]") {
    Desk d;
    d.cfg.directory = outbox::DirectoryConfig{d.dir / "spool"};
    std::filesystem::create_directories(d.dir / "spool");
    Submission s = d.add(9, "directory", "uuid-as-id");
    auto none = followUp(*d.store, d.cfg, s.reference, true);
    REQUIRE(none.remote);
    CHECK(none.remote->kind == RemoteStatus::Kind::NotSupported);
    std::filesystem::create_directories(d.dir / ("spool/" + s.uuid));
    std::ofstream(d.dir / ("spool/" + s.uuid + "/status.json")) << R"({"status": "Traitée", "closed": true})";
    auto a = followUp(*d.store, d.cfg, s.reference, true);
    REQUIRE(a.remote);
    CHECK(a.remote->kind == RemoteStatus::Kind::Answered);
    CHECK(a.headline().find("Traitée") != std::string::npos);
    std::ofstream(d.dir / ("spool/" + s.uuid + "/status.json")) << "{ broken";
    auto b = followUp(*d.store, d.cfg, s.reference, true);
    REQUIRE(b.remote);
    CHECK(b.remote->kind == RemoteStatus::Kind::Unreachable);
}

TEST_CASE("followup.parsers: hostile answers are bounded and never throw", "[followup]") {
    std::string longNote(10000, 'a');
    auto r = parseWebhookStatus(nlohmann::json{{"status", "open"}, {"message", longNote}}.dump());
    CHECK(r.kind == RemoteStatus::Kind::Answered);
    CHECK(r.message.size() < 300);
    for (const char* body : {"", "[]", "[1]", "{}", "null", "{\"status\": {\"deep\": [1,2]}}", "\xff\xfe",
                             "{\"workflow\": 3}", "{\"workflow\": {\"status\": \"x\"}}"}) {
        INFO(body);
        CHECK_NOTHROW(parseOpen311Status(body));
        CHECK_NOTHROW(parseWcsStatus(body));
        CHECK_NOTHROW(parseWebhookStatus(body));
    }
    CHECK(parseOpen311Status("[]").kind == RemoteStatus::Kind::Unreachable);
    CHECK(parseWcsStatus("{\"workflow\": {\"status\": \"x\"}}").kind == RemoteStatus::Kind::Unreachable);
}

TEST_CASE("followup.ctl: guichetctl outbox status REFERENCE", "[followup]") {
    Desk d;
    Submission s = d.add(10, "webhook");
    const std::string db = d.dir / "outbox.sqlite";
    d.store.reset();  // the tool opens the database itself
    std::string out, err;
    // Typed the way a resident reads it over the phone: lower case, no dashes.
    std::string typed;
    for (char c : s.reference)
        if (c != '-') typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    CHECK(test::runCtl({"outbox", "status", typed, "--db", db, "--json"}, out, &err) == 0);
    auto j = nlohmann::json::parse(out);
    CHECK(j["reference"] == s.reference);
    CHECK(j["state"] == "stored");
    CHECK(out.find("Dupont") == std::string::npos);

    CHECK(test::runCtl({"outbox", "status", "GU-2345-6789", "--db", db}, out, &err) == 1);
    CHECK(out.find("ne connaît pas") != std::string::npos);
    CHECK(test::runCtl({"outbox", "status", "GU-OOOO-1111", "--db", db}, out, &err) == 2);
    CHECK(err.find("0, O, 1, I, L") != std::string::npos);
}
