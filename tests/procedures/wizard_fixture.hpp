// A shipped catalogue, a memory store and a fixed day, for driving WizardSession in tests.
#pragma once

#include <catch2/catch.hpp>

#include <set>

#include "kiosk/procedures/catalogue_loader.hpp"
#include "kiosk/procedures/in_memory_submission_store.hpp"
#include "kiosk/procedures/wizard_session.hpp"

namespace wizard_test {

using namespace guichet::procedures;
using nlohmann::json;

inline const Catalogue& catalogue() {
    static const Catalogue c = [] {
        auto load = loadCatalogue(std::string(GUICHET_SOURCE_DIR) + "/config/procedures");
        REQUIRE(load.ok());
        return std::move(load.catalogue);
    }();
    return c;
}

struct Fixture {
    InMemorySubmissionStore store;
    AppointmentBook book = makeAppointmentBook(catalogue().settings);
    std::unique_ptr<WizardSession> session;

    WizardSession& start(const std::string& id, bool largeText = false) {
        WizardOptions o;
        o.today = {2026, 11, 28};
        o.now = 1795000000;
        o.largeText = largeText;
        o.terminalId = "borne-test";
        const Procedure* p = catalogue().find(id);
        REQUIRE(p);
        session = std::make_unique<WizardSession>(*p, catalogue().settings, store, &book, o);
        return *session;
    }
    // Answers every field on the page from `answers` (ids absent are left alone), then Next.
    // Answering a field may reveal others on the same page (a yes/no opening a name): the
    // page is re-read until nothing new appears, as a resident would see it.
    bool fill(const std::map<std::string, json>& answers) {
        std::set<std::string> done;
        for (bool more = true; more;) {
            more = false;
            for (const Field* f : session->currentFields()) {
                auto it = answers.find(f->id);
                if (it == answers.end() || done.count(f->id)) continue;
                session->setAnswer(f->id, it->second);
                done.insert(f->id);
                more = true;
            }
        }
        return session->next();
    }
    std::vector<std::string> pageIds() const {
        std::vector<std::string> ids;
        for (const Field* f : session->currentFields()) ids.push_back(f->id);
        return ids;
    }
};

}  // namespace wizard_test
