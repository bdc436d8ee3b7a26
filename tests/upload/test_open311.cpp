// Open311 GeoReport v2 against a loopback receiver: the exact form fields, both answer
// shapes (service_request_id, token then polling) and the error shapes.
#include <catch2/catch.hpp>

#include "kiosk/upload/open311_connector.hpp"
#include "tests/upload/upload_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;
using nlohmann::json;

namespace {

void useOpen311(UploadBench& b, const ReceiverProcess& r, const std::string& apiKey = "key-123",
                const std::string& serviceCode = "nid-de-poule") {
    outbox::Open311Config o;
    o.url = r.url("/open311/v2");
    o.apiKey = apiKey;
    o.jurisdictionId = "nantes.fr";
    o.tokenPollMs = 100;
    outbox::Open311Service svc;
    svc.serviceCode = serviceCode;
    svc.fields = {{"description", "message"}, {"address_string", "adresse"}, {"email", "courriel"},
                  {"first_name", "prenom"}, {"last_name", "nom"}};
    svc.attributes = {{"GRAVITE", "gravite"}, {"TYPES", "categories"}};
    o.services["signalement-voirie"] = svc;
    b.cfg.open311 = o;
    b.cfg.backoff = {1, 5, 3};
}

}  // namespace

TEST_CASE("upload.open311 posts the exact GeoReport form and keeps the service_request_id") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "open311"}, b.dir / "log.jsonl");
    // The receiver serves the whole API at its root; the connector appends /requests.json.
    useOpen311(b, *receiver);
    b.cfg.open311->url = receiver->url("");
    auto store = b.open();
    auto sub = sampleSubmission(7, "open311", "signalement-voirie");
    REQUIRE(store->store(sub).ok());
    auto report = upload::Uploader::sendOnce(b.options(), b.cfg);
    REQUIRE(report.ok());
    CHECK(report->sent == 1);

    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 1);
    const auto& r = reqs[0];
    CHECK(r["path"] == "/requests.json");
    CHECK(r["headers"]["content-type"] == "application/x-www-form-urlencoded; charset=utf-8");
    const auto& f = r["form"];
    CHECK(f["api_key"] == json::array({"key-123"}));
    CHECK(f["jurisdiction_id"] == json::array({"nantes.fr"}));
    CHECK(f["service_code"] == json::array({"nid-de-poule"}));
    CHECK(f["address_string"] == json::array({"12 rue de la Gare, 44000 Nantes"}));
    CHECK(f["email"] == json::array({"noemie.lefevre@example.fr"}));
    CHECK(f["first_name"] == json::array({"Noémie"}));
    CHECK(f["last_name"] == json::array({"Lefèvre"}));
    // No HTML in a GeoReport description; the UUID rides along for the staff.
    CHECK(f["description"] == json::array({"Nid-de-poule profond devant l'école  danger  n°7\n\n[Guichet " +
                                           sub.reference + " " + sub.uuid + "]"}));
    CHECK(f["attribute[GRAVITE]"] == json::array({"2"}));
    CHECK(f["attribute[TYPES][]"] == json::array({"chaussee", "securite"}));
    CHECK(f.size() == 10);
    auto e = entryOf(*store, sub.uuid);
    CHECK(e.state == outbox::State::Sent);
    CHECK(e.remoteId == "SR-1");
}

TEST_CASE("upload.open311 token answer: sent, then the id is fetched from tokens/<token>.json") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "open311", "--answer", "token"}, b.dir / "log.jsonl");
    useOpen311(b, *receiver);
    b.cfg.open311->url = receiver->url("");
    auto store = b.open();
    auto sub = sampleSubmission(8, "open311", "signalement-voirie");
    REQUIRE(store->store(sub).ok());
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg).ok());
    auto e = entryOf(*store, sub.uuid);
    CHECK(e.state == outbox::State::Sent);
    CHECK(e.remoteToken == "tok-SR-1");
    CHECK(e.remoteId == "SR-1");
    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[1]["method"] == "GET");
    CHECK(reqs[1]["path"] == "/tokens/tok-SR-1.json");
    CHECK(reqs[1]["query"] == "jurisdiction_id=nantes.fr");
}

TEST_CASE("upload.open311 error shapes: 403 bad api_key and 404 unknown service are rejected with the reason") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "open311"}, b.dir / "log.jsonl");
    SECTION("403") {
        useOpen311(b, *receiver, "wrong-key");
        b.cfg.open311->url = receiver->url("");
        auto store = b.open();
        auto sub = sampleSubmission(9, "open311", "signalement-voirie");
        REQUIRE(store->store(sub).ok());
        REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg).ok());
        auto e = entryOf(*store, sub.uuid);
        CHECK(e.state == outbox::State::Rejected);
        CHECK(e.lastError.find("HTTP 403") != std::string::npos);
        CHECK(e.lastError.find("403: Invalid api_key") != std::string::npos);
        CHECK(e.lastError.find("check api_key") != std::string::npos);
    }
    SECTION("404") {
        useOpen311(b, *receiver, "key-123", "licorne");
        b.cfg.open311->url = receiver->url("");
        auto store = b.open();
        auto sub = sampleSubmission(10, "open311", "signalement-voirie");
        REQUIRE(store->store(sub).ok());
        REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg).ok());
        auto e = entryOf(*store, sub.uuid);
        CHECK(e.state == outbox::State::Rejected);
        CHECK(e.lastError.find("404: Service not found") != std::string::npos);
    }
}

TEST_CASE("upload.open311 refuses a submission without a location before sending") {
    outbox::Open311Config o;
    o.url = "http://127.0.0.1:9";
    outbox::Open311Service svc;
    svc.serviceCode = "x";
    svc.fields = {{"description", "message"}, {"address_string", "adresse"}};
    o.services["p"] = svc;
    upload::Open311Connector c(o, {});
    auto sub = sampleSubmission(1, "open311", "p");
    sub.answers.erase("adresse");
    auto form = c.formBody(sub);
    REQUIRE_FALSE(form.ok());
    CHECK(form.error().message.find("address_string") != std::string::npos);
    sub.procedureId = "inconnue";
    CHECK(c.formBody(sub).error().message.find("no [connectors.open311.services.inconnue]") != std::string::npos);
}

TEST_CASE("upload.open311 a whole number of a decimal field is sent without a decimal point") {
    outbox::Open311Config o;
    o.url = "http://127.0.0.1:9";
    outbox::Open311Service svc;
    svc.serviceCode = "x";
    svc.fields = {{"address_string", "adresse"}};
    svc.attributes = {{"NB", "nb"}, {"LONGUEUR", "longueur"}};
    o.services["p"] = svc;
    upload::Open311Connector c(o, {});
    auto sub = sampleSubmission(1, "open311", "p");
    sub.answers["nb"] = 2.0;
    sub.answers["longueur"] = 1.5;
    auto form = c.formBody(sub);
    REQUIRE(form.ok());
    CHECK(form->find("attribute%5BNB%5D=2") != std::string::npos);
    CHECK(form->find("attribute%5BNB%5D=2.") == std::string::npos);
    CHECK(form->find("attribute%5BLONGUEUR%5D=1.5") != std::string::npos);
}
