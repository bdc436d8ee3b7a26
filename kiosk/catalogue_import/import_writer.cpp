#include "kiosk/catalogue_import/import_writer.hpp"

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "kiosk/catalogue_import/reimport_diff.hpp"

namespace guichet::catalogue_import {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string questions(const UpstreamProcedure& p) {
    const auto n = p.allFields().size();
    if (n == 0) return "aucune question de l'amont";
    return std::to_string(n) + (n == 1 ? " question" : " questions") + " de l'amont";
}

std::string snapshotText(const UpstreamProcedure& p) { return toSnapshot(p).dump(2) + "\n"; }

// Each file whole or not at all: written beside its place, flushed, then renamed.
Result<void> writeAll(const fs::path& dir, const std::map<std::string, std::string>& files) {
    std::vector<std::pair<fs::path, fs::path>> staged;
    auto cleanup = [&] {
        std::error_code ec;
        for (auto& [tmp, dst] : staged) fs::remove(tmp, ec);
    };
    for (const auto& [name, content] : files) {
        fs::path dst = dir / name;
        fs::path tmp = dir / ("." + name + ".tmp-" + std::to_string(::getpid()));
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) {
            out.close();
            staged.emplace_back(tmp, dst);
            cleanup();
            return makeError(ErrorCode::Io, tmp.string() + " : écriture impossible (disque plein ? droits ?) ; rien n'a été remplacé");
        }
        staged.emplace_back(tmp, dst);
    }
    for (auto& [tmp, dst] : staged) {
        std::error_code ec;
        fs::rename(tmp, dst, ec);
        if (ec) {
            cleanup();
            return makeError(ErrorCode::Io, dst.string() + " : " + ec.message());
        }
    }
    return {};
}

std::string nowUtc() {
    std::time_t t = std::time(nullptr);
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

}  // namespace

Result<ImportSummary> writeImport(const std::vector<UpstreamProcedure>& procedures, const ImportWriteOptions& o) {
    const fs::path dir = o.outDir;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return makeError(ErrorCode::Io, dir.string() + " : dossier impossible à créer (" + ec.message() + ")");
    if (!fs::is_directory(dir)) return makeError(ErrorCode::Io, dir.string() + " : ce n'est pas un dossier");

    ImportSummary sum;
    std::map<std::string, std::string> files;
    std::vector<std::string> toRemove;
    std::vector<UpstreamProcedure> routed;  // what each procedure file in the folder was made from
    std::ostringstream r;
    r << "Import " << o.routing.source << " depuis " << o.routing.baseUrl << " (" << nowUtc() << ") vers " << dir.string() << "\n";
    std::set<std::string> ids;
    for (const auto& p : procedures) {
        ids.insert(p.id);
        const std::string tomlName = p.id + ".toml", snapName = p.id + ".upstream.json", newName = p.id + ".toml.nouveau";
        const auto current = readFile(dir / tomlName);
        const auto snapshot = readFile(dir / snapName);
        if (!current && snapshot) {
            r << tomlName << " : supprimé par la mairie, pas recréé (effacez " << snapName << " pour le réimporter)\n";
            ++sum.skipped;
            continue;
        }
        if (!current) {
            files[tomlName] = procedureToml(p);
            files[snapName] = snapshotText(p);
            routed.push_back(p);
            r << tomlName << " : nouveau (" << questions(p) << ")\n";
            ++sum.created;
            continue;
        }
        if (!snapshot) {
            r << tomlName << " : existe déjà et ne vient pas d'un import (pas de " << snapName << ") : gardé tel quel, "
              << "l'amont « " << p.upstreamId << " » n'est pas importé\n";
            ++sum.skipped;
            continue;
        }
        UpstreamProcedure before;
        try {
            before = fromSnapshot(nlohmann::json::parse(*snapshot));
        } catch (const nlohmann::json::exception& e) {
            r << tomlName << " : gardé ; instantané " << snapName << " illisible (" << e.what()
              << ") : effacez-le pour repartir de l'amont\n";
            ++sum.skipped;
            continue;
        }
        const bool edited = procedureToml(before) != *current;
        const auto changes = diffUpstream(before, p);
        if (changes.empty()) {
            UpstreamProcedure same = p;
            same.version = before.version;
            r << tomlName << " : à jour" << (edited ? " (modifié par la mairie, gardé)" : "") << "\n";
            if (!edited && procedureToml(same) != *current) files[tomlName] = procedureToml(same);
            files[snapName] = snapshotText(same);
            if (fs::exists(dir / newName)) toRemove.push_back(newName);
            routed.push_back(same);
            ++sum.unchanged;
            continue;
        }
        if (!edited) {
            // Never touched by the town: it follows the back office, as a new version (the
            // version travels with every submission: staff can tell old demands apart).
            UpstreamProcedure next = p;
            next.version = before.version + 1;
            files[tomlName] = procedureToml(next);
            files[snapName] = snapshotText(next);
            if (fs::exists(dir / newName)) toRemove.push_back(newName);
            routed.push_back(next);
            r << tomlName << " : mis à jour, version " << next.version << " (le fichier n'avait pas été modifié) :\n";
            for (const auto& c : changes) r << "    " << c.text << "\n";
            ++sum.updated;
            continue;
        }
        // Edited by the town: its wording, FALC and translations stay; the changes are told.
        UpstreamProcedure seen = p;
        seen.version = before.version;  // the town's file keeps its own version line
        files[newName] = procedureToml(seen);
        r << tomlName << " : modifié par la mairie, GARDÉ ; changements en amont à reporter à la main :\n";
        for (const auto& c : changes) r << "    " << c.text << "\n";
        r << "    version importée complète, pour comparer : " << newName << "\n";
        if (o.accept) {
            files[snapName] = snapshotText(seen);
            routed.push_back(seen);
            r << "    (--accept : ces changements sont notés comme vus ; le prochain import ne les redira pas)\n";
        } else {
            routed.push_back(before);
            r << "    une fois le fichier corrigé, relancez l'import avec --accept\n";
        }
        ++sum.kept;
    }
    // Procedures imported earlier from this back office and not in this import: with --only,
    // still routed as their snapshot says; otherwise gone upstream, reported (a route to a
    // service that no longer exists would only be refused at sending time).
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string n = e.path().filename().string();
        const std::string suffix = ".upstream.json";
        if (n.size() <= suffix.size() || n.compare(n.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
        auto text = readFile(e.path());
        if (!text) continue;
        try {
            auto snap = fromSnapshot(nlohmann::json::parse(*text));
            if (snap.source != o.routing.source || ids.count(snap.id) || !fs::exists(dir / (snap.id + ".toml"))) continue;
            if (o.partial) {
                routed.push_back(std::move(snap));
                continue;
            }
            r << snap.id << ".toml : n'existe plus en amont (« " << snap.upstreamId << " ») : gardé mais plus routé ; "
              << "retirez-le à la main (le fichier et " << n << ") si la démarche est close\n";
            ++sum.removedUpstream;
        } catch (const nlohmann::json::exception&) {
        }
    }
    files["_outbox-" + o.routing.source + ".toml"] = routingToml(routed, o.routing);
    r << "Routage vers le connecteur : _outbox-" << o.routing.source << ".toml (à recopier dans outbox.toml)\n";
    if (!fs::exists(dir / "_commune.toml")) {
        files["_commune.toml"] = starterCommuneToml();
        r << "_commune.toml : absent, un modèle est écrit (nom de la mairie à compléter)\n";
    }
    r << "Bilan : " << sum.created << " nouvelle(s), " << sum.updated << " mise(s) à jour, " << sum.unchanged << " à jour, "
      << sum.kept << " gardée(s) avec changements en amont, " << sum.skipped << " ignorée(s), " << sum.removedUpstream
      << " disparue(s) en amont.\n"
      << "À faire à la main : textes FALC, traductions en en es de pt it (guichetctl catalogue check " << dir.string()
      << " les liste), textes marqués [À COMPLÉTER].\n";
    sum.report = r.str();
    files["import-report.txt"] = sum.report;
    if (auto w = writeAll(dir, files); !w) return w.error();
    for (const auto& n : toRemove) fs::remove(dir / n, ec);
    return sum;
}

}  // namespace guichet::catalogue_import
