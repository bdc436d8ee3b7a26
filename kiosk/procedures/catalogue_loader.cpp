// Reads a catalogue folder: _commune.toml first (the town, its postal codes, its
// calendars), then every other *.toml as one procedure; then catalogue-wide checks.
#include "kiosk/procedures/catalogue_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "kiosk/procedures/toml_reader.hpp"

namespace guichet::procedures {

namespace fs = std::filesystem;

namespace {

std::optional<int> parseClock(const std::string& s) {
    if (s.size() != 5 || s[2] != ':' || !std::isdigit(static_cast<unsigned char>(s[0])) || !std::isdigit(static_cast<unsigned char>(s[1])) ||
        !std::isdigit(static_cast<unsigned char>(s[3])) || !std::isdigit(static_cast<unsigned char>(s[4])))
        return std::nullopt;
    int h = std::stoi(s.substr(0, 2)), m = std::stoi(s.substr(3, 2));
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::optional<int> weekdayFromName(const std::string& n) {
    static const char* names[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    for (int i = 0; i < 7; ++i)
        if (n == names[i]) return i;
    return std::nullopt;
}

appointments::CalendarConfig parseCalendar(const std::string& id, const toml::table& t, const std::string& path, Diagnostics& d) {
    TomlReader r(t, path, d, "le calendrier « " + id + " »", {"slot_minutes", "desks", "first_day", "horizon_days", "closed_days", "ranges"});
    appointments::CalendarConfig c;
    c.id = id;
    c.slotMinutes = static_cast<int>(r.integer("slot_minutes", true).value_or(20));
    c.desks = static_cast<int>(r.integer("desks").value_or(1));
    c.firstDay = static_cast<int>(r.integer("first_day").value_or(1));
    c.horizonDays = static_cast<int>(r.integer("horizon_days").value_or(30));
    if (c.slotMinutes < 5 || c.slotMinutes > 240) r.error("slot_minutes", "la durée d'un créneau doit être entre 5 et 240 minutes");
    if (c.desks < 1) r.error("desks", "il faut au moins un guichet (desks = 1)");
    if (c.firstDay < 0 || c.horizonDays < c.firstDay) r.error("horizon_days", "horizon_days doit être plus grand que first_day");
    for (const auto& day : r.stringList("closed_days")) {
        if (auto cd = validation::CivilDate::fromIso(day)) c.closedDays.push_back(*cd);
        else r.error("closed_days", "jour de fermeture « " + day + " » illisible (écrire AAAA-MM-JJ)");
    }
    for (const auto* rt : r.tables("ranges")) {
        TomlReader rr(*rt, path, d, "une plage [[ranges]]", {"days", "start", "end"});
        appointments::OpeningRange range;
        for (const auto& dn : rr.stringList("days")) {
            if (auto wd = weekdayFromName(dn)) range.weekdays.push_back(*wd);
            else rr.error("days", "jour « " + dn + " » inconnu (lundi, mardi, mercredi, jeudi, vendredi, samedi, dimanche)");
        }
        auto start = rr.string("start", true), end = rr.string("end", true);
        std::optional<int> s, e;
        if (start) s = parseClock(*start);
        if (end) e = parseClock(*end);
        if (start && !s) rr.error("start", "heure « " + *start + " » illisible (écrire HH:MM, par exemple 09:00)");
        if (end && !e) rr.error("end", "heure « " + *end + " » illisible (écrire HH:MM, par exemple 12:00)");
        if (s && e && *s >= *e) rr.error("end", "la plage finit avant de commencer");
        range.startMinute = s.value_or(0);
        range.endMinute = e.value_or(0);
        c.ranges.push_back(range);
    }
    if (c.ranges.empty()) r.error(r.line(), "le calendrier « " + id + " » n'a aucune plage [[calendars." + id + ".ranges]]");
    return c;
}

}  // namespace

void parseSettingsFile(const std::string& path, CatalogueSettings& settings, Diagnostics& d) {
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        d.push_back({path, static_cast<int>(e.source().begin.line), "syntaxe TOML : " + std::string(e.description())});
        return;
    }
    TomlReader r(root, path, d, "_commune.toml", {"town", "postal_codes", "calendars"});
    if (const auto* town = r.subtable("town")) {
        TomlReader tr(*town, path, d, "[town]", {"name", "terminal_id", "phone", "address", "follow_up_url"});
        settings.townName = tr.text("name", true);
        settings.terminalId = tr.string("terminal_id").value_or(settings.terminalId);
        settings.phone = tr.string("phone").value_or("");
        settings.address = tr.string("address").value_or("");
        settings.followUpUrl = tr.string("follow_up_url").value_or("");
        if (!settings.phone.empty() && !validation::checkFrenchPhone(settings.phone).ok)
            tr.error("phone", "numéro de téléphone de la mairie « " + settings.phone + " » invalide (10 chiffres, par exemple 02 38 00 00 00)");
        if (!settings.followUpUrl.empty()) {
            if (settings.followUpUrl.rfind("https://", 0) != 0)
                tr.error("follow_up_url", "l'adresse de suivi doit commencer par https://");
            else if (settings.followUpUrl.find("{reference}") == std::string::npos)
                tr.error("follow_up_url", "l'adresse de suivi doit contenir {reference} (la référence de la demande)");
        }
    } else {
        r.error(1, "section [town] manquante (le nom de la commune)");
    }
    for (const auto* pc : r.tables("postal_codes")) {
        TomlReader pr(*pc, path, d, "[[postal_codes]]", {"code", "communes"});
        auto code = pr.string("code", true).value_or("");
        if (!validation::checkPostalCode(code).ok) pr.error("code", "code postal « " + code + " » invalide (5 chiffres)");
        auto communes = pr.stringList("communes");
        if (communes.empty()) pr.error(pr.line(), "le code postal « " + code + " » n'a aucune commune");
        settings.communes[code] = communes;
    }
    if (const auto* cals = r.subtable("calendars")) {
        for (auto&& [k, v] : *cals) {
            std::string id(k.str());
            if (const auto* t = v.as_table()) settings.calendars[id] = parseCalendar(id, *t, path, d);
            else d.push_back({path, static_cast<int>(v.source().begin.line), "le calendrier « " + id + " » doit être une table [calendars." + id + "]"});
        }
    }
}

CatalogueLoad loadCatalogue(const std::string& directory) {
    CatalogueLoad out;
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) {
        out.diagnostics.push_back({directory, 0, "dossier du catalogue introuvable"});
        return out;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(directory, ec))
        if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    const fs::path settingsPath = fs::path(directory) / "_commune.toml";
    if (fs::exists(settingsPath)) parseSettingsFile(settingsPath.string(), out.catalogue.settings, out.diagnostics);
    else out.diagnostics.push_back({settingsPath.string(), 0, "fichier _commune.toml manquant (nom de la commune, codes postaux, calendriers)"});

    std::map<std::string, std::pair<std::string, int>> seen;  // id -> file, line
    for (const auto& f : files) {
        if (f.filename().string().front() == '_') continue;
        auto p = parseProcedureFile(f.string(), out.catalogue.settings, out.diagnostics);
        if (!p) continue;
        if (!p->id.empty()) {
            auto it = seen.find(p->id);
            if (it != seen.end()) {
                out.diagnostics.push_back({f.string(), 1, "identifiant de démarche « " + p->id + " » déjà utilisé par " + it->second.first});
                continue;
            }
            seen[p->id] = {f.string(), 1};
        }
        out.catalogue.procedures.push_back(std::move(*p));
    }
    if (out.catalogue.procedures.empty() && out.diagnostics.empty())
        out.diagnostics.push_back({directory, 0, "le catalogue ne contient aucune démarche (*.toml)"});
    std::stable_sort(out.catalogue.procedures.begin(), out.catalogue.procedures.end(),
                     [](const Procedure& a, const Procedure& b) { return a.order != b.order ? a.order < b.order : a.id < b.id; });
    return out;
}

}  // namespace guichet::procedures
