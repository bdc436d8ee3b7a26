// How much the procedures core costs the terminal: loading and checking the whole
// catalogue at start-up, and what one wizard frame asks of WizardSession (pages, fields,
// choices, step indicator, errors) — the UI redraws only on input, but a frame must stay
// far below the 16 ms of a 60 Hz display. Usage: bench_procedures [CATALOGUE_DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "kiosk/procedures/catalogue_loader.hpp"
#include "kiosk/procedures/in_memory_submission_store.hpp"
#include "kiosk/procedures/wizard_session.hpp"

using namespace guichet::procedures;
using Clock = std::chrono::steady_clock;

template <class F>
double medianMicros(int runs, F&& f) {
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        auto a = Clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

int main(int argc, char** argv) {
    std::string dir = argc > 1 ? argv[1] : std::string(GUICHET_SOURCE_DIR) + "/config/procedures";
    CatalogueLoad load;
    double loadUs = medianMicros(21, [&] { load = loadCatalogue(dir); });
    if (!load.ok()) {
        for (const auto& d : load.diagnostics) std::fprintf(stderr, "%s\n", d.format().c_str());
        return 1;
    }
    std::size_t fields = 0;
    for (const auto& p : load.catalogue.procedures)
        for (const auto& s : p.steps) fields += s.fields.size();
    std::printf("catalogue load + checks: %.2f ms median (%zu procedures, %zu fields)\n", loadUs / 1000,
                load.catalogue.procedures.size(), fields);

    // A resident half-way through the birth act (the longest procedure), on the page of
    // the person: what a frame of the wizard screen asks.
    InMemorySubmissionStore store;
    auto book = makeAppointmentBook(load.catalogue.settings);
    WizardOptions o;
    o.today = {2026, 11, 28};
    WizardSession s(*load.catalogue.find("acte-naissance"), load.catalogue.settings, store, &book, o);
    s.setAnswer("qualite", "interesse");
    s.next();
    s.setAnswer("type_acte", "copie_integrale");
    s.setAnswer("exemplaires", "2");
    s.next();
    s.setAnswer("nom_naissance", "Lefèvre");
    s.setAnswer("prenoms", "Marie Hélène");
    s.setAnswer("date_naissance", "14/07/1952");
    volatile std::size_t sink = 0;
    double frameUs = medianMicros(2001, [&] {
        auto fields = s.currentFields();
        auto ind = s.indicator();
        std::size_t n = fields.size() + ind.text.size() + s.errors().size();
        for (const auto* f : fields) n += s.choices(f->id).size();
        sink = sink + n;
    });
    std::printf("wizard frame (fields, indicator, choices, errors): %.1f us median = %.2f %% of a 16.7 ms frame\n",
                frameUs, frameUs / 16667 * 100);
    double nextUs = medianMicros(501, [&] {
        s.setAnswer("sexe", "F");
        (void)s.pages();
    });
    std::printf("pages() after an answer: %.1f us median\n", nextUs);
    (void)sink;
    return 0;
}
