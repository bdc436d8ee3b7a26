#include "kiosk/followup/follow_up.hpp"

#include <ctime>

#include "kiosk/i18n/i18n.hpp"

namespace guichet::followup {

std::optional<outbox::Entry> findByReference(outbox::OutboxStore& store, const std::string& canonical) {
    // find() matches a UUID or a reference; a canonical reference ("GU-…") is never a UUID.
    if (canonical.rfind("GU-", 0) != 0) return std::nullopt;
    return store.find(canonical);
}

FollowUpAnswer answerFor(const std::string& canonical, const outbox::Entry& entry) {
    FollowUpAnswer a;
    a.reference = canonical;
    a.procedureId = entry.procedureId;
    a.storedAtMs = entry.storedAtMs;
    a.sentAtMs = entry.sentAtMs;
    switch (entry.state) {
        case outbox::State::Queued: a.kind = FollowUpAnswer::Kind::Stored; break;
        case outbox::State::Sending: a.kind = FollowUpAnswer::Kind::Sending; break;
        case outbox::State::Sent: a.kind = FollowUpAnswer::Kind::Sent; break;
        case outbox::State::Rejected:
        case outbox::State::Dead: a.kind = FollowUpAnswer::Kind::AtDesk; break;
    }
    return a;
}

FollowUpAnswer followUp(outbox::OutboxStore& store, const outbox::OutboxConfig& config, const std::string& canonical,
                        bool askBackOffice) {
    auto entry = findByReference(store, canonical);
    if (!entry) {
        FollowUpAnswer a;
        a.reference = canonical;
        return a;
    }
    FollowUpAnswer a = answerFor(canonical, *entry);
    if (a.kind == FollowUpAnswer::Kind::Sent && askBackOffice) a.remote = fetchRemoteStatus(config, *entry);
    return a;
}

std::string frenchDateTime(std::int64_t unixMs) {
    static const char* months[] = {N_("janvier"), N_("février"), N_("mars"), N_("avril"), N_("mai"), N_("juin"),
                                   N_("juillet"), N_("août"), N_("septembre"), N_("octobre"), N_("novembre"),
                                   N_("décembre")};
    std::time_t t = static_cast<std::time_t>(unixMs / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char hm[16];
    std::snprintf(hm, sizeof hm, "%d h %02d", tm.tm_hour, tm.tm_min);
    return std::string(_("le ")) + std::to_string(tm.tm_mday) + " " + _(months[tm.tm_mon]) + " " +
           std::to_string(tm.tm_year + 1900) + " " + _("à") + " " + hm;
}

std::string FollowUpAnswer::headline() const {
    switch (kind) {
        case Kind::Unknown:
            return _("Cette borne ne connaît pas cette référence. Vérifiez-la sur votre reçu, ou demandez à l'accueil.");
        case Kind::Stored:
        case Kind::Sending:
            return std::string(_("Votre demande est bien enregistrée sur cette borne")) + " (" + frenchDateTime(storedAtMs) +
                   "). " + _("Elle partira vers la mairie dès que la connexion le permettra.");
        case Kind::AtDesk:
            return _("Votre demande est enregistrée, mais la mairie n'a pas pu la recevoir automatiquement.");
        case Kind::Sent:
            break;
    }
    std::string sent = std::string(_("Votre demande a été transmise à la mairie")) + " " + frenchDateTime(sentAtMs) + ".";
    if (!remote || remote->kind == RemoteStatus::Kind::NotSupported) return sent;
    if (remote->kind == RemoteStatus::Kind::Unreachable)
        return std::string(_("La mairie n'est pas joignable pour le moment. Votre demande est bien enregistrée")) + " (" +
               _("envoyée") + " " + frenchDateTime(sentAtMs) + ").";
    std::string line = remote->closed ? std::string(_("Votre demande est traitée.")) : std::string(_("Votre demande est en cours de traitement."));
    // Open311's "open" / "closed" are codes, already said in words above; a back office's
    // own wording (w.c.s. "En cours de traitement") is worth repeating as it is.
    const bool statusCode = remote->status == "open" || remote->status == "closed";
    if (!remote->status.empty() && !statusCode)
        line += std::string(" ") + _("État indiqué par la mairie :") + " " + remote->status + ".";
    if (!remote->message.empty()) line += " " + remote->message;
    return sent + " " + line;
}

std::string FollowUpAnswer::nextStep() const {
    switch (kind) {
        case Kind::Unknown: return _("Seules les demandes faites sur cette borne peuvent être suivies ici.");
        case Kind::Stored:
        case Kind::Sending: return _("Vous n'avez rien à faire. Gardez votre reçu.");
        case Kind::AtDesk: return _("Présentez votre reçu à l'accueil de la mairie : un agent la traitera.");
        case Kind::Sent:
            if (remote && remote->kind == RemoteStatus::Kind::Answered && remote->closed)
                return _("Si vous attendiez un document, il vous sera remis ou envoyé comme indiqué sur votre reçu.");
            return _("La mairie vous contactera si besoin. Gardez votre reçu.");
    }
    return {};
}

nlohmann::json FollowUpAnswer::toJson() const {
    static const char* kinds[] = {"unknown", "stored", "sending", "sent", "at-desk"};
    nlohmann::json j{{"reference", reference}, {"state", kinds[static_cast<int>(kind)]}};
    if (kind == Kind::Unknown) return j;
    j["procedure"] = procedureId;
    j["stored_at_ms"] = storedAtMs;
    if (sentAtMs) j["sent_at_ms"] = sentAtMs;
    if (remote) {
        static const char* rk[] = {"answered", "unreachable", "not-supported"};
        nlohmann::json r{{"kind", rk[static_cast<int>(remote->kind)]}};
        if (remote->kind == RemoteStatus::Kind::Answered) {
            r["status"] = remote->status;
            r["closed"] = remote->closed;
            if (!remote->message.empty()) r["message"] = remote->message;
            if (!remote->updatedAt.empty()) r["updated_at"] = remote->updatedAt;
        }
        j["back_office"] = r;
    }
    j["headline"] = headline();
    j["next_step"] = nextStep();
    return j;
}

}  // namespace guichet::followup
