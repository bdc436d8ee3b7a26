// guichetctl catalogue import open311 URL [--jurisdiction ID] --out DIR
// guichetctl catalogue import wcs URL --orig ID --key-file F --out DIR
// (both: [--only A,B] [--accept]). Everything is read from the back office before anything
// is written; a failure names the URL and what is wrong, exits 1 and leaves DIR as it was.
#include "kiosk/ctl/ctl_catalogue_import.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "kiosk/catalogue_import/import_writer.hpp"
#include "kiosk/catalogue_import/open311_import.hpp"
#include "kiosk/catalogue_import/wcs_import.hpp"
#include "kiosk/procedures/catalogue_loader.hpp"

namespace guichet::ctl {

void catalogueImportUsage() {
    std::fprintf(stderr,
                 "       guichetctl catalogue import open311 URL [--jurisdiction ID] --out DIR [--only CODE,…] [--accept]\n"
                 "       guichetctl catalogue import wcs URL --orig ID --key-file FILE --out DIR [--only SLUG,…] [--accept]\n");
}

namespace {

int usage(const std::string& why) {
    std::fprintf(stderr, "catalogue import : %s\nusage:\n", why.c_str());
    catalogueImportUsage();
    return 2;
}

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

}  // namespace

int runCatalogueImport(const Args& args) {
    using namespace guichet::catalogue_import;
    if (args.size() < 3) return usage("il manque la source (open311 ou wcs) et l'URL");
    const std::string source = args[1], url = args[2];
    if (source != "open311" && source != "wcs") return usage("source « " + source + " » inconnue (open311, wcs)");
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        return usage("l'URL « " + url + " » doit commencer par https:// (ou http:// sur un réseau local)");
    std::string out, jurisdiction, orig, keyFile;
    std::vector<std::string> only;
    bool accept = false;
    for (std::size_t i = 3; i < args.size(); ++i) {
        auto value = [&](std::string& v) {
            if (i + 1 >= args.size()) return false;
            v = args[++i];
            return true;
        };
        std::string list;
        if (args[i] == "--out") { if (!value(out)) return usage("--out a besoin d'un dossier"); }
        else if (args[i] == "--jurisdiction" && source == "open311") { if (!value(jurisdiction)) return usage("--jurisdiction a besoin d'un identifiant"); }
        else if (args[i] == "--orig" && source == "wcs") { if (!value(orig)) return usage("--orig a besoin d'un identifiant"); }
        else if (args[i] == "--key-file" && source == "wcs") { if (!value(keyFile)) return usage("--key-file a besoin d'un fichier"); }
        else if (args[i] == "--only") {
            if (!value(list)) return usage("--only a besoin d'une liste");
            only = splitList(list);
        } else if (args[i] == "--accept") accept = true;
        else return usage("option « " + args[i] + " » inconnue pour " + source);
    }
    if (out.empty()) return usage("--out DOSSIER est obligatoire (le dossier du catalogue à écrire)");

    Result<std::vector<UpstreamProcedure>> procedures = std::vector<UpstreamProcedure>{};
    RoutingOptions routing;
    routing.source = source;
    if (source == "open311") {
        Open311ImportOptions o;
        o.baseUrl = url;
        o.jurisdictionId = jurisdiction;
        o.only = only;
        procedures = importOpen311(o);
        routing.jurisdictionId = jurisdiction;
    } else {
        if (orig.empty() || keyFile.empty()) return usage("w.c.s. demande --orig ID et --key-file FICHIER (la clé partagée avec Publik)");
        std::ifstream in(keyFile, std::ios::binary);
        std::ostringstream k;
        if (in) k << in.rdbuf();
        std::string key = k.str();
        while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' ')) key.pop_back();
        if (!in || key.empty()) {
            std::fprintf(stderr, "catalogue import : %s : clé illisible ou vide (--key-file)\n", keyFile.c_str());
            return 1;
        }
        WcsImportOptions o;
        o.baseUrl = url;
        o.orig = orig;
        o.key = key;
        o.only = only;
        procedures = importWcs(o);
        routing.orig = orig;
    }
    if (!procedures) {
        std::fprintf(stderr, "catalogue import : %s\ncatalogue import : rien n'a été écrit dans %s\n",
                     procedures.error().message.c_str(), out.c_str());
        return 1;
    }
    routing.baseUrl = url;
    while (!routing.baseUrl.empty() && routing.baseUrl.back() == '/') routing.baseUrl.pop_back();
    for (auto& p : *procedures) p.baseUrl = routing.baseUrl;
    ImportWriteOptions w;
    w.outDir = out;
    w.routing = routing;
    w.accept = accept;
    w.partial = !only.empty();
    auto written = writeImport(*procedures, w);
    if (!written) {
        std::fprintf(stderr, "catalogue import : %s\n", written.error().message.c_str());
        return 1;
    }
    std::printf("%s", written->report.c_str());
    // The same checks that stop the terminal from starting: a generated file that fails
    // them is the importer's bug, said here rather than at the terminal.
    auto load = procedures::loadCatalogue(out);
    for (const auto& d : load.diagnostics) std::printf("%s\n", d.format().c_str());
    if (!load.ok()) {
        std::fprintf(stderr, "catalogue import : le dossier %s ne passe pas « catalogue check » (%zu problème(s))\n", out.c_str(),
                     load.diagnostics.size());
        return 1;
    }
    std::printf("Vérifiez : guichetctl catalogue check %s --outbox %s/_outbox-%s.toml --languages fr\n", out.c_str(), out.c_str(),
                source.c_str());
    return 0;
}

}  // namespace guichet::ctl
