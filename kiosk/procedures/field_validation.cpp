#include "kiosk/procedures/field_validation.hpp"

#include <cmath>
#include <cctype>
#include <regex>

#include "drivers/common/bytes.hpp"
#include "kiosk/validation/admin_checks.hpp"
#include "kiosk/validation/person_name.hpp"
#include "kiosk/validation/utf8.hpp"

namespace guichet::procedures {

using nlohmann::json;
namespace v = guichet::validation;

namespace {

std::string trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string str(const json& raw) {
    if (raw.is_string()) return raw.get<std::string>();
    if (raw.is_number_integer()) return std::to_string(raw.get<long long>());
    if (raw.is_number()) return raw.dump();
    return {};
}

std::string fmtNumber(double d) {
    if (std::floor(d) == d && std::fabs(d) < 1e12) return std::to_string(static_cast<long long>(d));
    std::string s = std::to_string(d);
    while (!s.empty() && s.back() == '0') s.pop_back();
    for (auto& c : s) if (c == '.') c = ',';
    return s;
}

FieldOutcome bad(std::string m) { return {false, false, json(), std::move(m)}; }
FieldOutcome good(json value) { return {true, false, std::move(value), {}}; }
FieldOutcome fromCheck(const v::Check& c) { return c.ok ? good(c.value) : bad(c.message); }

FieldOutcome validateText(const Field& f, const std::string& text, const ValidationContext& ctx) {
    std::string t = trim(text);
    if (f.check == "nom") return fromCheck(v::checkPersonName(t, "Le nom"));
    if (f.check == "prenom") return fromCheck(v::checkPersonName(t, "Le prénom"));
    if (f.check == "ants") return fromCheck(v::checkAntsPreDemande(t));
    if (f.check == "montant") return fromCheck(v::checkAmountEuros(t, f.max ? static_cast<long>(*f.max) : 100000));
    std::vector<char32_t> cps;
    if (!v::decodeUtf8(t, cps)) return bad("Le texte contient un caractère illisible. Effacez-le et écrivez-le à nouveau.");
    std::size_t n = cps.size();
    if (f.minLength && n < static_cast<std::size_t>(*f.minLength))
        return bad("Votre réponse est trop courte : écrivez au moins " + std::to_string(*f.minLength) + " caractères.");
    std::size_t maxLen = f.maxLength ? static_cast<std::size_t>(*f.maxLength) : (f.type == FieldType::LongText ? 2000 : 200);
    if (n > maxLen)
        return bad("Votre réponse est trop longue : " + std::to_string(n) + " caractères pour " + std::to_string(maxLen) +
                   " au plus. Raccourcissez-la.");
    if (!f.pattern.empty()) {
        try {
            if (!std::regex_match(t, std::regex(f.pattern, std::regex::ECMAScript))) return bad(f.patternMessage.in(ctx.language));
        } catch (const std::regex_error&) {
            return bad(f.patternMessage.in(ctx.language));
        }
    }
    return good(t);
}

FieldOutcome validateNumber(const Field& f, const std::string& text) {
    std::string t;
    for (char c : trim(text)) if (c != ' ') t.push_back(c == ',' ? '.' : c);
    std::string range = f.min && f.max ? " entre " + fmtNumber(*f.min) + " et " + fmtNumber(*f.max) : "";
    if (t.empty() || t.find_first_not_of("0123456789.-") != std::string::npos)
        return bad("Écrivez un nombre en chiffres" + range + ", par exemple : " + fmtNumber(f.min.value_or(2)) + ".");
    char* end = nullptr;
    double d = std::strtod(t.c_str(), &end);
    if (!end || *end) return bad("Écrivez un nombre en chiffres" + range + ".");
    if (f.integer && std::floor(d) != d) return bad("Écrivez un nombre entier, sans virgule" + range + ".");
    if ((f.min && d < *f.min) || (f.max && d > *f.max)) {
        if (f.min && f.max) return bad("Choisissez un nombre" + range + ".");
        if (f.min) return bad("Le nombre doit être au moins " + fmtNumber(*f.min) + ".");
        return bad("Le nombre doit être au plus " + fmtNumber(*f.max) + ".");
    }
    return good(f.integer ? json(static_cast<long long>(d)) : json(d));
}

FieldOutcome validateDate(const Field& f, const std::string& text, const ValidationContext& ctx) {
    std::string t = trim(text);
    v::CivilDate d;
    if (auto iso = v::CivilDate::fromIso(t)) d = *iso;  // a value the wizard gave back
    else {
        auto parsed = v::parseFrenchDate(t);
        if (auto* m = std::get_if<std::string>(&parsed)) return bad(*m);
        d = std::get<v::CivilDate>(parsed);
    }
    if (f.past && d > ctx.today) return bad("Cette date est dans le futur. Vérifiez l'année et le mois.");
    if (f.future && d < ctx.today) return bad("Cette date est déjà passée. Choisissez une date à partir d'aujourd'hui.");
    if (f.maxDaysAgo && ctx.today.daysSinceEpoch() - d.daysSinceEpoch() > *f.maxDaysAgo)
        return bad(f.ageMessage.empty() ? "Ce document est trop ancien : il doit dater de moins de " + std::to_string(*f.maxDaysAgo) +
                                              " jours. Apportez un document plus récent."
                                        : f.ageMessage.in(ctx.language));
    int age = v::ageOn(d, ctx.today);
    if (f.minAge && age < *f.minAge)
        return bad(f.ageMessage.empty() ? "Il faut avoir au moins " + std::to_string(*f.minAge) + " ans pour cette démarche."
                                        : f.ageMessage.in(ctx.language));
    if (f.maxAge && age > *f.maxAge)
        return bad(f.ageMessage.empty() ? "Vérifiez l'année : cette date donne plus de " + std::to_string(*f.maxAge) + " ans."
                                        : f.ageMessage.in(ctx.language));
    return good(d.toIso());
}

FieldOutcome validatePlace(const json& raw, bool localOnly, const ValidationContext& ctx, json base) {
    std::string code = raw.is_object() ? str(raw.value("code_postal", json(""))) : "";
    std::string commune = raw.is_object() ? str(raw.value("commune", json(""))) : "";
    auto c = v::checkPostalCode(code);
    if (!c.ok) return bad(c.message);
    if (localOnly && !ctx.settings.communes.count(c.value))
        return bad("Ce code postal n'est pas celui de la commune. Pour cette démarche, il faut une adresse dans la commune.");
    auto cm = v::checkCommune(c.value, commune, ctx.settings.communes, localOnly);
    if (!cm.ok) return bad(cm.message);
    base["code_postal"] = c.value;
    base["commune"] = cm.value;
    return good(base);
}

}  // namespace

AppointmentBook makeAppointmentBook(const CatalogueSettings& settings) {
    AppointmentBook b;
    for (const auto& [id, cfg] : settings.calendars) b.emplace(id, appointments::AppointmentCalendar(cfg));
    return b;
}

bool isEmptyAnswer(const json& raw) {
    if (raw.is_null()) return true;
    if (raw.is_string()) return trim(raw.get<std::string>()).empty();
    if (raw.is_array()) return raw.empty();
    if (raw.is_object()) {
        for (const auto& [k, val] : raw.items())
            if (!isEmptyAnswer(val)) return false;
        return true;
    }
    return false;
}

std::vector<ChoiceView> choiceViews(const Field& f, const Condition::Lookup& answers, const v::CivilDate& today,
                                    const std::string& language) {
    std::vector<ChoiceView> out;
    for (const auto& c : f.choices) {
        bool available = !c.condition || c.condition->evaluate(answers, today);
        out.push_back({&c, available, available ? std::string() : c.unavailable.in(language)});
    }
    return out;
}

FieldOutcome validateField(const Field& f, const json& raw, const ValidationContext& ctx) {
    if (f.type == FieldType::Computed) return good(raw);
    if (isEmptyAnswer(raw)) {
        if (!f.required) return {true, true, json(), {}};
        switch (f.type) {
            case FieldType::Choice: return bad(f.multiple ? "Choisissez au moins une réponse." : "Choisissez une réponse.");
            case FieldType::YesNo: return bad("Répondez par Oui ou par Non.");
            case FieldType::Appointment: return bad("Choisissez un créneau de rendez-vous.");
            case FieldType::Document: return bad("Scannez le document demandé" + std::string(f.allowLater ? ", ou choisissez de l'apporter au guichet." : "."));
            case FieldType::Card: return bad("Insérez votre carte, ou choisissez « Je n'ai pas ma carte ».");
            case FieldType::Date: return bad("Indiquez la date. Écrivez-la comme ceci : 14/07/1952.");
            default: return bad("Cette information est obligatoire. Merci de la remplir.");
        }
    }
    switch (f.type) {
        case FieldType::Text:
        case FieldType::LongText: return validateText(f, str(raw), ctx);
        case FieldType::Number: return validateNumber(f, str(raw));
        case FieldType::Rating: {
            auto o = validateNumber(f, str(raw));
            if (!o.ok) return bad("Choisissez une note de " + fmtNumber(f.min.value_or(1)) + " à " + fmtNumber(f.max.value_or(5)) + ".");
            return o;
        }
        case FieldType::Date: return validateDate(f, str(raw), ctx);
        case FieldType::Email: return fromCheck(v::checkEmail(str(raw)));
        case FieldType::Phone: return fromCheck(v::checkFrenchPhone(str(raw), f.mobileOnly));
        case FieldType::YesNo: {
            if (raw.is_boolean()) return good(raw);
            std::string s = str(raw);
            if (s == "oui" || s == "true") return good(true);
            if (s == "non" || s == "false") return good(false);
            return bad("Répondez par Oui ou par Non.");
        }
        case FieldType::Choice: {
            auto views = choiceViews(f, ctx.answers, ctx.today, ctx.language);
            auto checkOne = [&](const std::string& value) -> std::string {
                for (const auto& cv : views)
                    if (cv.choice->value == value) return cv.available ? std::string() : cv.unavailableText;
                return "Cette réponse ne fait pas partie des choix proposés. Choisissez dans la liste.";
            };
            if (f.multiple) {
                if (!raw.is_array()) return bad("Choisissez une ou plusieurs réponses dans la liste.");
                json out = json::array();
                for (const auto& item : raw) {
                    std::string m = checkOne(str(item));
                    if (!m.empty()) return bad(m);
                    out.push_back(str(item));
                }
                return good(out);
            }
            std::string m = checkOne(str(raw));
            return m.empty() ? good(str(raw)) : bad(m);
        }
        case FieldType::PostalCommune: return validatePlace(raw, f.localOnly, ctx, json::object());
        case FieldType::Address: {
            std::string voie = raw.is_object() ? trim(str(raw.value("voie", json("")))) : "";
            if (voie.size() < 3 || voie.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos)
                return bad("Indiquez le numéro et le nom de la rue, par exemple : 12 rue de la Mairie.");
            json base = {{"voie", voie}};
            std::string comp = raw.is_object() ? trim(str(raw.value("complement", json("")))) : "";
            if (!comp.empty()) base["complement"] = comp;
            return validatePlace(raw, f.localOnly, ctx, base);
        }
        case FieldType::Appointment: {
            std::string slot = str(raw);
            if (!ctx.appointments) return bad("Les rendez-vous ne sont pas disponibles sur cette borne. Adressez-vous à l'accueil.");
            auto it = ctx.appointments->find(f.calendar);
            if (it == ctx.appointments->end() || !it->second.isBookable(slot, ctx.today))
                return bad("Ce créneau n'est plus disponible. Choisissez un autre créneau dans la liste.");
            return good(slot);
        }
        case FieldType::Document: {
            if (raw.is_object() && raw.value("later", false)) {
                if (!f.allowLater) return bad("Ce document doit être scanné ici pour que la demande soit complète.");
                return good(json{{"later", true}});
            }
            if (raw.is_object() && raw.value("pages", 0) > 0) {
                if (raw.value("pages", 0) > f.maxPages)
                    return bad("Trop de pages : " + std::to_string(f.maxPages) + " au plus. Scannez seulement les pages utiles.");
                return good(raw);
            }
            return bad("Le document n'a pas été scanné. Posez-le sur la vitre et appuyez sur « Scanner ».");
        }
        case FieldType::Card: {
            if (raw.is_object() && raw.value("source", "") == "card" && !str(raw.value("value", json(""))).empty()) return good(raw);
            std::string typed = trim(raw.is_object() ? str(raw.value("value", json(""))) : str(raw));
            if (typed.empty()) return bad("Insérez votre carte, ou choisissez « Je n'ai pas ma carte ».");
            // A card number is written in capitals on the card; typed in lower case or with
            // spaces ("fam 04521") it is the same number.
            std::string normal;
            for (char c : typed)
                if (c != ' ') normal += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            secureWipe(typed);
            typed = std::move(normal);
            if (!f.fallbackPattern.empty()) {
                try {
                    if (!std::regex_match(typed, std::regex(f.fallbackPattern)))
                        return bad(f.patternMessage.empty() ? "Ce numéro n'a pas le bon format. Recopiez-le tel qu'il est écrit sur la carte."
                                                            : f.patternMessage.in(ctx.language));
                } catch (const std::regex_error&) {}
            }
            return good(json{{"source", "saisie"}, {"value", typed}});
        }
        case FieldType::Computed: break;
    }
    return good(raw);
}

std::string displayValue(const Field& f, const json& value, const std::string& lang) {
    if (value.is_null()) return "—";
    switch (f.type) {
        case FieldType::Date: {
            auto d = v::CivilDate::fromIso(str(value));
            return d ? d->toFrench() : str(value);
        }
        case FieldType::Phone: return v::displayFrenchPhone(str(value));
        case FieldType::YesNo: return value.is_boolean() && value.get<bool>() ? "Oui" : "Non";
        case FieldType::Choice: {
            auto label = [&](const std::string& val) {
                for (const auto& c : f.choices)
                    if (c.value == val) return c.label.in(lang);
                return val;
            };
            if (!value.is_array()) return label(str(value));
            std::string out;
            for (const auto& x : value) out += (out.empty() ? "" : ", ") + label(str(x));
            return out;
        }
        case FieldType::PostalCommune: return str(value.value("code_postal", json(""))) + " " + str(value.value("commune", json("")));
        case FieldType::Address: {
            std::string out = str(value.value("voie", json("")));
            if (value.contains("complement")) out += ", " + str(value["complement"]);
            return out + ", " + str(value.value("code_postal", json(""))) + " " + str(value.value("commune", json("")));
        }
        case FieldType::Appointment: return appointments::slotLabel(str(value));
        case FieldType::Document:
            if (value.value("later", false)) return "À apporter au guichet";
            return std::to_string(value.value("pages", 0)) + (value.value("pages", 0) > 1 ? " pages scannées" : " page scannée");
        case FieldType::Card: {
            // Personal identifier: only its end is shown, as on a bank receipt.
            std::string id = str(value.value("value", json("")));
            std::string tail = id.size() > 4 ? id.substr(id.size() - 4) : id;
            return (value.value("source", "") == "card" ? "Carte lue, n° •••• " : "Saisi, n° •••• ") + tail;
        }
        case FieldType::Rating: return str(value) + " sur " + fmtNumber(f.max.value_or(5));
        default:
            if (f.check == "montant") return v::displayEuros(str(value));
            return str(value);
    }
}

}  // namespace guichet::procedures
