// guichetctl catalogue check DIR [--outbox FILE] | show ID [DIR] | import …: validates the procedure
// catalogue (the same checks that stop the terminal from starting), and against the outbox's
// connectors (FILE, by default DIR/../outbox.toml when it exists: every procedure must reach
// a configured back office, every document a place in its w.c.s. form); prints one
// procedure's steps.
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/ctl/command_registry.hpp"
#include "kiosk/ctl/ctl_catalogue_import.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/procedures/catalogue_loader.hpp"
#include "kiosk/procedures/translation_check.hpp"
#include "kiosk/upload/connector_checks.hpp"

namespace {

using namespace guichet::procedures;

#ifdef GUICHET_DATADIR  // installed by the Debian package
const char* kDefaultDir = GUICHET_DATADIR "/procedures";
#else
const char* kDefaultDir = "config/procedures";
#endif

int checkCatalogue(const std::string& dir, std::string outboxFile, const std::vector<std::string>& languages) {
    auto load = loadCatalogue(dir);
    if (outboxFile.empty()) {
        auto guess = std::filesystem::path(dir).lexically_normal().parent_path() / "outbox.toml";
        if (std::filesystem::exists(guess)) outboxFile = guess.string();
    }
    if (load.ok() && !outboxFile.empty()) {
        auto cfg = guichet::outbox::loadOutboxConfig(outboxFile);
        if (!cfg) {
            std::printf("%s\n", cfg.error().message.c_str());
            std::fprintf(stderr, "catalogue: la configuration des connecteurs %s est invalide\n", outboxFile.c_str());
            return 1;
        }
        load.diagnostics = guichet::upload::checkConnectorMappings(load.catalogue, *cfg, outboxFile);
    }
    for (const auto& d : load.diagnostics) std::printf("%s\n", d.format().c_str());
    if (!load.ok()) {
        std::fprintf(stderr, "catalogue: %zu problème(s) — la borne refusera de démarrer avec ce catalogue\n", load.diagnostics.size());
        return 1;
    }
    // Texts the importer could not fill (guichetctl catalogue import): warned, not refused —
    // the file is valid, but a resident would read the placeholder.
    Diagnostics placeholders;
    checkPlaceholders(load.catalogue, (std::filesystem::path(dir) / "_commune.toml").string(), placeholders);
    for (const auto& d : placeholders) std::printf("%s\n", d.format().c_str());
    if (!placeholders.empty())
        std::fprintf(stderr, "catalogue: %zu texte(s) à compléter (marqués [À COMPLÉTER]) — la personne les lirait tels quels\n",
                     placeholders.size());
    // The terminal would start (French is shown instead), but a resident who chose another
    // language would meet French: not accepted for a catalogue put on a terminal.
    Diagnostics missing;
    checkTranslations(load.catalogue, (std::filesystem::path(dir) / "_commune.toml").string(), languages, missing);
    for (const auto& d : missing) std::printf("%s\n", d.format().c_str());
    if (!missing.empty()) {
        std::fprintf(stderr, "catalogue: %zu traduction(s) manquante(s) — ces textes s'afficheraient en français\n", missing.size());
        return 1;
    }
    std::printf("catalogue: %zu démarches valides dans %s\n", load.catalogue.procedures.size(), dir.c_str());
    for (const auto& p : load.catalogue.procedures) {
        std::size_t fields = 0;
        for (const auto& s : p.steps) fields += s.fields.size();
        std::printf("  %-22s v%-3d %-12s %zu étapes, %zu champs, %zu règles\n", p.id.c_str(), p.version, p.kind.c_str(),
                    p.steps.size(), fields, p.rules.size());
    }
    return 0;
}

std::string describeField(const Field& f) {
    std::string s = std::string(fieldTypeName(f.type));
    if (f.multiple) s += " (plusieurs)";
    s += f.required ? ", obligatoire" : ", facultatif";
    if (!f.check.empty()) s += ", vérification " + f.check;
    if (f.minLength) s += ", au moins " + std::to_string(*f.minLength) + " caractères";
    if (f.maxLength) s += ", au plus " + std::to_string(*f.maxLength) + " caractères";
    if (!f.pattern.empty()) s += ", motif /" + f.pattern + "/";
    if (f.min) s += ", min " + std::to_string(static_cast<long long>(*f.min));
    if (f.max) s += ", max " + std::to_string(static_cast<long long>(*f.max));
    if (f.past) s += ", date passée";
    if (f.future) s += ", date future";
    if (f.minAge) s += ", âge ≥ " + std::to_string(*f.minAge);
    if (f.maxAge) s += ", âge ≤ " + std::to_string(*f.maxAge);
    if (f.maxDaysAgo) s += ", moins de " + std::to_string(*f.maxDaysAgo) + " jours";
    if (f.mobileOnly) s += ", portable";
    if (f.localOnly) s += ", dans la commune";
    if (!f.calendar.empty()) s += ", calendrier " + f.calendar;
    if (f.allowLater) s += ", peut être apporté au guichet";
    if (!f.compute.empty()) s += ", = \"" + f.compute + "\"";
    return s;
}

int showProcedure(const std::string& id, const std::string& dir) {
    auto load = loadCatalogue(dir);
    if (!load.ok()) {
        for (const auto& d : load.diagnostics) std::fprintf(stderr, "%s\n", d.format().c_str());
        return 1;
    }
    const Procedure* p = load.catalogue.find(id);
    if (!p) {
        std::fprintf(stderr, "catalogue: aucune démarche « %s » (voir guichetctl catalogue check %s)\n", id.c_str(), dir.c_str());
        return 1;
    }
    std::printf("%s — %s (version %d, %s, connecteur %s)\n%s\n\n", p->id.c_str(), p->title.fr().c_str(), p->version, p->kind.c_str(),
                p->connector.empty() ? "aucun" : p->connector.c_str(), p->falc.fr().c_str());
    int n = 0;
    for (const auto& s : p->steps) {
        std::printf("Étape %d : %s%s\n", ++n, s.title.fr().c_str(), s.condition ? ("   [si " + s.condition->text() + "]").c_str() : "");
        if (s.isPayment())
            std::printf("  paiement par carte du montant « %s »%s\n", s.amountField.c_str(),
                        s.referenceField.empty() ? "" : (", facture « " + s.referenceField + " »").c_str());
        for (const auto& f : s.fields) {
            std::printf("  - %s : %s — %s%s\n", f.id.c_str(), f.label.fr().c_str(), describeField(f).c_str(),
                        f.condition ? ("   [si " + f.condition->text() + "]").c_str() : "");
            for (const auto& c : f.choices)
                std::printf("      · %s = %s%s%s\n", c.value.c_str(), c.label.fr().c_str(),
                            c.condition ? ("   [si " + c.condition->text() + "]").c_str() : "",
                            c.requires_.empty() ? "" : ("   [requiert " + c.requires_ + "]").c_str());
        }
    }
    for (const auto& r : p->rules) {
        if (r.kind == Rule::Kind::ActRights)
            std::printf("Règle sur %s : droit d'obtenir l'acte de %s (décret 2017-890), selon %s et %s\n", r.field.c_str(),
                        r.acte.c_str(), r.typeField.c_str(), r.qualiteField.c_str());
        else
            std::printf("Règle sur %s : %s%s — « %s »\n", r.field.c_str(), r.require ? r.require->text().c_str() : "?",
                        r.when ? (" (si " + r.when->text() + ")").c_str() : "", r.message.fr().c_str());
    }
    for (const auto& pg : p->pages) std::printf("Page %s : %s\n", pg.id.c_str(), pg.title.fr().c_str());
    return 0;
}

int runCatalogue(const guichet::ctl::Args& args) {
    if (args.size() >= 1 && args[0] == "check") {
        // check [DIR] [--outbox FILE] [--languages fr,en,…]: by default every language the
        // terminal offers, and the outbox.toml next to the catalogue folder.
        std::string dir = kDefaultDir, outboxFile;
        std::vector<std::string> languages;
        for (const auto& l : guichet::i18n::languages()) languages.push_back(l.code);
        for (std::size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "--outbox" && i + 1 < args.size()) {
                outboxFile = args[++i];
            } else if (args[i] == "--languages" && i + 1 < args.size()) {
                languages.clear();
                std::stringstream ss(args[++i]);
                for (std::string code; std::getline(ss, code, ',');)
                    if (!code.empty()) languages.push_back(code);
            } else {
                dir = args[i];
            }
        }
        return checkCatalogue(dir, outboxFile, languages);
    }
    if (args.size() >= 2 && args[0] == "show") return showProcedure(args[1], args.size() >= 3 ? args[2] : kDefaultDir);
    if (args.size() >= 1 && args[0] == "import") return guichet::ctl::runCatalogueImport(args);
    std::fprintf(stderr, "usage: guichetctl catalogue check [DIR] [--outbox FILE] [--languages fr,en,es,de,pt,it]\n       guichetctl catalogue show ID [DIR]\n");
    guichet::ctl::catalogueImportUsage();
    return 2;
}

}  // namespace

GUICHETCTL_COMMAND("catalogue", "check the procedure catalogue, show a procedure, import one from Open311 or w.c.s.", runCatalogue);
