// From the resident to the back-office agent: a shipped procedure is walked through the real
// wizard (WizardSession over the real outbox), sent by the real connector, and the loopback
// receiver — written from the back office's public specification — is asked whether every
// answer and every document arrived where an agent would look for it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "drivers/emulators/escl/test_page.hpp"
#include "kiosk/procedures/catalogue_loader.hpp"
#include "kiosk/procedures/wizard_session.hpp"
#include "kiosk/scan/scan_attachment.hpp"
#include "tests/upload/upload_fixtures.hpp"

using namespace guichet;
using namespace guichet::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const procedures::Catalogue& catalogue() {
    static const procedures::Catalogue c = [] {
        auto load = procedures::loadCatalogue(std::string(GUICHET_SOURCE_DIR) + "/config/procedures");
        REQUIRE(load.ok());
        return std::move(load.catalogue);
    }();
    return c;
}

// A scanned page as the scanner gives it: a real (small) JPEG.
ScannedPage scannedPage(int number) {
    emu::TestPageSpec spec;
    spec.widthPx = 248;
    spec.heightPx = 351;
    spec.dpi = 30;
    spec.pageNumber = number;
    spec.date = "2026-11-28";
    auto jpeg = emu::renderTestPage(spec);
    REQUIRE(jpeg.ok());
    ScannedPage p;
    p.jpeg = std::move(*jpeg);
    p.widthPx = spec.widthPx;
    p.heightPx = spec.heightPx;
    p.dpi = spec.dpi;
    return p;
}

// The document the scan step makes of the kept pages (scanner.toml: format = "pdf").
Attachment scanStepDocument(const std::string& fieldId, int pages, scan::AttachmentFormat format) {
    std::vector<ScannedPage> kept;
    for (int i = 1; i <= pages; ++i) kept.push_back(scannedPage(10 + i));
    scan::AttachmentPolicy policy;
    policy.format = format;
    policy.baseName = fieldId;
    auto a = scan::makeScanAttachment(kept, policy);
    REQUIRE(a.ok());
    return std::move(*a);
}

// Drives one procedure as a resident would: each page's fields from `answers`, device
// fields through `devices`, Next until the review, then confirm (stored in the outbox).
struct Walk {
    procedures::WizardSession& s;
    const std::map<std::string, json>& answers;
    std::function<void(const std::string&)> devices;

    void toReview() {
        for (int guard = 0; s.state() == procedures::WizardSession::State::Question; ++guard) {
            REQUIRE(guard < 40);
            std::set<std::string> done;
            for (bool more = true; more;) {
                more = false;
                for (const procedures::Field* f : s.currentFields()) {
                    if (done.count(f->id)) continue;
                    done.insert(f->id);
                    more = true;
                    if (f->type == procedures::FieldType::Document) devices(f->id);
                    else if (auto it = answers.find(f->id); it != answers.end()) s.setAnswer(f->id, it->second);
                }
            }
            INFO("page of " << (s.currentFields().empty() ? "?" : s.currentFields().front()->id));
            for (const auto& [k, v] : s.errors()) INFO(k << ": " << v);
            REQUIRE(s.next());
        }
        REQUIRE(s.state() == procedures::WizardSession::State::Review);
    }
};

struct Resident {
    UploadBench& bench;
    std::unique_ptr<outbox::OutboxStore> store = bench.open();
    procedures::AppointmentBook book = procedures::makeAppointmentBook(catalogue().settings);
    std::unique_ptr<procedures::WizardSession> session;

    Submission walk(const std::string& procedure, const std::map<std::string, json>& answers,
                    std::function<void(procedures::WizardSession&, const std::string&)> devices) {
        procedures::WizardOptions o;
        o.today = {2026, 11, 28};
        o.terminalId = "borne-hall";
        const auto* p = catalogue().find(procedure);
        REQUIRE(p);
        session = std::make_unique<procedures::WizardSession>(*p, catalogue().settings, *store, &book, o);
        Walk{*session, answers, [&](const std::string& id) { devices(*session, id); }}.toReview();
        REQUIRE(session->confirm().ok());
        return session->submission();
    }
};

const std::map<std::string, json> kElectoralRoll = {
    {"nom_naissance", "Benali"}, {"nom_usage", ""}, {"prenoms", "Yasmine"}, {"sexe", "F"},
    {"date_naissance", "15/03/2008"}, {"lieu_naissance", "Tours, France"}, {"nationalite", "francaise"},
    {"situation", "demenagement"}, {"commune_precedente", json{{"code_postal", "37000"}, {"commune", "Tours"}}},
    {"adresse", json{{"voie", "8 rue des Lilas"}, {"code_postal", "45990"}, {"commune", "BELLERIVE SUR LOIRE"}}},
    {"date_justificatif", "02/11/2026"}, {"email", "yasmine.benali@laposte.net"}, {"telephone", ""}};

// The identity card scanned as two pages (the wizard's per-page attachments), the proof of
// address as the scan step's one PDF.
void electoralRollDocuments(procedures::WizardSession& s, const std::string& id) {
    if (id == "piece_identite") {
        std::vector<ScannedPage> pages;
        pages.push_back(scannedPage(1));
        pages.push_back(scannedPage(2));
        s.attachScan(id, std::move(pages));
    } else if (id == "justificatif_domicile") {
        s.attachDocument(id, scanStepDocument(id, 1, scan::AttachmentFormat::Pdf), 1);
    }
}

int pdfPageCount(const std::string& pdf) {
    int n = 0;
    for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
        if (pdf.compare(at, 12, "/Type /Pages") != 0) ++n;
    return n;
}

std::string text(const Bytes& b) { return std::string(b.begin(), b.end()); }

const std::map<std::string, json> kStreetReport = {
    {"service_code", "eclairage"}, {"danger", true}, {"address_string", "Devant l'école Jules-Ferry"},
    {"description", "Le lampadaire est éteint depuis une semaine, la rue est noire."},
    {"suivi", true}, {"first_name", "Inès"}, {"last_name", "Da Silva"}, {"email", "ines@exemple.fr"}, {"phone", ""}};

void streetReportPhoto(procedures::WizardSession& s, const std::string& id) {
    if (id == "photo") s.attachDocument(id, scanStepDocument(id, 1, scan::AttachmentFormat::Auto), 1);
}

outbox::Open311Config streetService(const ReceiverProcess& r) {
    outbox::Open311Config o;
    o.url = r.url("");
    o.apiKey = "key-123";
    outbox::Open311Service svc;
    svc.serviceCode = "autre-voirie";
    svc.serviceCodes = {{"voirie", "nid-de-poule"}, {"eclairage", "lampadaire"}};
    svc.fields = {{"service_code", "service_code"}, {"description", "description"}, {"address_string", "address_string"},
                  {"first_name", "first_name"}, {"last_name", "last_name"}, {"email", "email"}, {"phone", "phone"},
                  {"media", "photo"}};
    svc.attributes = {{"DANGER", "danger"}};
    o.services["signalement"] = svc;
    return o;
}

// What an agent reads on the GeoReport request: the answered fields, one value each.
void checkStreetReportForm(const json& form, const Submission& sub) {
    CHECK(form["service_code"] == json::array({"lampadaire"}));  // the resident's choice, mapped
    CHECK(form["address_string"] == json::array({"Devant l'école Jules-Ferry"}));
    CHECK(form["description"][0].get<std::string>() ==
          "Le lampadaire est éteint depuis une semaine, la rue est noire.\n\n[Guichet " + sub.reference + " " + sub.uuid + "]");
    CHECK(form["first_name"] == json::array({"Inès"}));
    CHECK(form["last_name"] == json::array({"Da Silva"}));
    CHECK(form["email"] == json::array({"ines@exemple.fr"}));
    CHECK(form["attribute[DANGER]"] == json::array({"true"}));
}

}  // namespace

TEST_CASE("upload.wizard to w.c.s.: each document in its own file field, two scanned pages as one PDF") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "wcs"}, b.dir / "log.jsonl");
    b.cfg.wcs = outbox::WcsConfig{receiver->url(""), "borne-mairie", "wcs-key",
                                  {{"inscription-listes", "inscription-sur-les-listes-electorales"}}, {}};
    Resident resident{b};
    auto sub = resident.walk("inscription-listes", kElectoralRoll, electoralRollDocuments);
    REQUIRE(sub.attachments.size() == 3);
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);

    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0]["verdict"] == "ok");
    auto data = json::parse(reqs[0]["body"].get<std::string>())["data"];
    // Every answer of the resident is under its field, as the wizard stored it.
    for (const auto& [id, value] : sub.answers.items()) {
        INFO(id);
        REQUIRE(data.contains(id));
        if (id != "piece_identite" && id != "justificatif_domicile") CHECK(data[id] == value);
    }
    CHECK(data["adresse"]["commune"] == "Bellerive-sur-Loire");
    // The identity card: one PDF of both pages, in the identity card's field.
    const auto& id = data["piece_identite"];
    CHECK(id["filename"] == "piece_identite.pdf");
    CHECK(id["content_type"] == "application/pdf");
    std::string idPdf = text(base64Decode(id["content"]));
    CHECK(idPdf.rfind("%PDF-", 0) == 0);
    CHECK(pdfPageCount(idPdf) == 2);
    CHECK(idPdf.find(text(sub.attachments[0].data)) != std::string::npos);  // the pages as scanned
    CHECK(idPdf.find(text(sub.attachments[1].data)) != std::string::npos);
    // The proof of address: the scan step's PDF, byte for byte.
    const auto& proof = data["justificatif_domicile"];
    CHECK(proof["filename"] == "justificatif_domicile.pdf");
    CHECK(base64Decode(proof["content"]) == sub.attachments[2].data);
    for (const auto& [k, v] : data.items()) CHECK(k.rfind("fichier_", 0) != 0);  // no invented fields
}

TEST_CASE("upload.wizard to w.c.s.: a document the field mapping does not place is refused, not lost") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "wcs"}, b.dir / "log.jsonl");
    b.cfg.wcs = outbox::WcsConfig{receiver->url(""), "borne-mairie", "wcs-key",
                                  {{"inscription-listes", "inscription"}},
                                  {{"inscription-listes", {{"piece_identite", "carte_identite"}, {"nom_naissance", "nom"}}}}};
    Resident resident{b};
    auto sub = resident.walk("inscription-listes", kElectoralRoll, electoralRollDocuments);
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg).ok());
    auto e = entryOf(*resident.store, sub.uuid);
    CHECK(e.state == outbox::State::Rejected);
    CHECK(e.lastError.find("document field 'justificatif_domicile'") != std::string::npos);
    CHECK(e.lastError.find("[connectors.wcs.fields.inscription-listes]") != std::string::npos);
    CHECK(receiver->requests().empty());

    // Once the operator maps it, a retry carries both documents to the named fields.
    b.cfg.wcs->fields["inscription-listes"]["justificatif_domicile"] = "justificatif";
    REQUIRE(resident.store->retry(sub.uuid, 0).ok());
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);
    auto data = json::parse(receiver->requests().at(0)["body"].get<std::string>())["data"];
    CHECK(data["nom"] == "Benali");
    CHECK(data["carte_identite"]["content_type"] == "application/pdf");
    CHECK(base64Decode(data["justificatif"]["content"]) == sub.attachments[2].data);
    CHECK_FALSE(data.contains("piece_identite"));
}

TEST_CASE("upload.wizard to Open311: the chosen problem is the service_code, the photo a media part") {
    UploadBench b;
    auto receiver =
        ReceiverProcess::start({"--mode", "open311", "--services", "lampadaire,nid-de-poule,autre-voirie"}, b.dir / "log.jsonl");
    b.cfg.open311 = streetService(*receiver);
    Resident resident{b};
    auto sub = resident.walk("signalement", kStreetReport, streetReportPhoto);
    REQUIRE(sub.attachments.size() == 1);
    REQUIRE(sub.attachments[0].mediaType == "image/jpeg");
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);

    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0]["headers"]["content-type"].get<std::string>().rfind("multipart/form-data; boundary=", 0) == 0);
    checkStreetReportForm(reqs[0]["form"], sub);
    REQUIRE(reqs[0]["files"].size() == 1);
    CHECK(reqs[0]["files"][0]["name"] == "media");
    CHECK(reqs[0]["files"][0]["filename"] == "photo.jpg");
    CHECK(reqs[0]["files"][0]["content_type"] == "image/jpeg");
    CHECK(base64Decode(reqs[0]["files"][0]["base64"]) == sub.attachments[0].data);
    CHECK(entryOf(*resident.store, sub.uuid).remoteId == "SR-1");
}

TEST_CASE("upload.wizard to Open311 with an upload endpoint: the photo's address is media_url") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "open311", "--services", "lampadaire"}, b.dir / "log.jsonl");
    b.cfg.open311 = streetService(*receiver);
    b.cfg.open311->mediaUploadUrl = receiver->url("/media");
    Resident resident{b};
    auto sub = resident.walk("signalement", kStreetReport, streetReportPhoto);
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);

    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0]["path"] == "/media");
    REQUIRE(reqs[0]["files"].size() == 1);
    CHECK(base64Decode(reqs[0]["files"][0]["base64"]) == sub.attachments[0].data);
    CHECK(reqs[1]["path"] == "/requests.json");
    CHECK(reqs[1]["headers"]["content-type"] == "application/x-www-form-urlencoded; charset=utf-8");
    checkStreetReportForm(reqs[1]["form"], sub);
    CHECK(reqs[1]["form"]["media_url"] == json::array({reqs[0]["url"]}));
}

TEST_CASE("upload.wizard to the webhook as multipart: the JSON part and one binary part per file") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "webhook"}, b.dir / "log.jsonl");
    b.cfg.webhook = outbox::WebhookConfig{receiver->url("/hook"), "s3cret", "multipart"};
    b.cfg.routes["inscription-listes"] = "webhook";
    Resident resident{b};
    auto sub = resident.walk("inscription-listes", kElectoralRoll, electoralRollDocuments);
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);

    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0]["signature_ok"] == true);
    CHECK(reqs[0]["delivered"] == true);
    const auto& parts = reqs[0]["parts"];
    REQUIRE(parts.size() == 4);
    CHECK(parts[0]["name"] == "submission");
    CHECK(parts[0]["content_type"] == "application/json");
    auto doc = json::parse(text(base64Decode(parts[0]["base64"])));
    CHECK(doc["uuid"] == sub.uuid);
    CHECK(doc["answers"] == sub.answers);  // every answer, as the wizard stored it
    for (std::size_t i = 0; i < 3; ++i) {
        INFO(i);
        const auto& part = parts[i + 1];
        CHECK(doc["attachments"][i]["part"] == part["name"]);
        CHECK(doc["attachments"][i]["name"] == sub.attachments[i].name);
        CHECK(part["filename"] == sub.attachments[i].name);
        CHECK(part["content_type"] == sub.attachments[i].mediaType);
        CHECK(base64Decode(part["base64"]) == sub.attachments[i].data);
        CHECK_FALSE(doc["attachments"][i].contains("content_base64"));
    }
}

TEST_CASE("upload.wizard to the webhook as JSON: every answer and file (base64) in one body") {
    UploadBench b;
    auto receiver = ReceiverProcess::start({"--mode", "webhook"}, b.dir / "log.jsonl");
    b.cfg.webhook = outbox::WebhookConfig{receiver->url("/hook"), "s3cret", "json"};
    b.cfg.routes["signalement"] = "webhook";
    Resident resident{b};
    auto sub = resident.walk("signalement", kStreetReport, streetReportPhoto);
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);
    auto reqs = receiver->requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0]["signature_ok"] == true);
    auto doc = json::parse(reqs[0]["body"].get<std::string>());
    CHECK(doc["answers"] == sub.answers);
    CHECK(doc["answers"]["photo"]["attachments"][0] == "photo.jpg");
    CHECK(base64Decode(doc["attachments"][0]["content_base64"]) == sub.attachments[0].data);
}

TEST_CASE("upload.wizard to the shared folder: submission.json and every file for the staff") {
    UploadBench b;
    fs::create_directory(b.dir / "depot");
    b.cfg.directory = outbox::DirectoryConfig{b.dir / "depot"};
    b.cfg.routes["inscription-listes"] = "directory";
    Resident resident{b};
    auto sub = resident.walk("inscription-listes", kElectoralRoll, electoralRollDocuments);
    REQUIRE(upload::Uploader::sendOnce(b.options(), b.cfg)->sent == 1);
    fs::path folder = fs::path(b.dir / "depot") / sub.uuid;
    std::ifstream in(folder / "submission.json");
    auto doc = json::parse(in);
    CHECK(doc["answers"] == sub.answers);
    for (std::size_t i = 0; i < sub.attachments.size(); ++i) {
        INFO(sub.attachments[i].name);
        bool found = false;
        for (const auto& e : fs::directory_iterator(folder)) {
            if (e.path().filename().string().find(sub.attachments[i].name) == std::string::npos) continue;
            std::ifstream f(e.path(), std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(f)), {});
            found = Bytes(bytes.begin(), bytes.end()) == sub.attachments[i].data;
        }
        CHECK(found);
    }
}
