#include "kiosk/appliance/health.hpp"

#include <algorithm>
#include <ctime>

#include <nlohmann/json.hpp>

namespace guichet::appliance {

const char* healthName(Health h) {
    switch (h) {
        case Health::Healthy: return "healthy";
        case Health::Degraded: return "degraded";
        case Health::Failing: return "failing";
    }
    return "failing";
}

const char* healthFrench(Health h) {
    switch (h) {
        case Health::Healthy: return "OK";
        case Health::Degraded: return "À SURVEILLER";
        case Health::Failing: return "EN PANNE";
    }
    return "EN PANNE";
}

namespace {

std::string duration(std::int64_t s) {
    if (s < 120) return std::to_string(s) + " s";
    if (s < 7200) return std::to_string(s / 60) + " min";
    return std::to_string(s / 3600) + " h " + std::to_string((s % 3600) / 60) + " min";
}

void judgePrinter(const DeviceReport& d, std::vector<Finding>& out) {
    const std::string& s = d.status;
    if (s == "absent") out.push_back({Health::Failing, "printer-absent", "Imprimante absente ou débranchée : aucun reçu ne peut être imprimé."});
    else if (s == "paper-out") out.push_back({Health::Failing, "paper-out", "Imprimante : plus de papier. Remettez un rouleau."});
    else if (s == "cover-open") out.push_back({Health::Failing, "cover-open", "Imprimante : capot ouvert. Refermez-le."});
    else if (s == "error" || s == "jam") out.push_back({Health::Failing, "printer-error", "Imprimante en erreur : " + d.detail});
    else if (s == "paper-low") out.push_back({Health::Degraded, "paper-low", "Imprimante : papier presque fini. Préparez un rouleau."});
}

}  // namespace

StatusReport assess(const StatusInputs& in) {
    StatusReport r;
    auto& f = r.findings;
    if (!in.heartbeat) {
        f.push_back({Health::Failing, "terminal-not-running", "La borne ne fonctionne pas (aucun signe de vie : " + in.heartbeatError + ")."});
    } else {
        std::int64_t age = in.now - in.heartbeat->writtenAt;
        if (age > in.config.staleSeconds)
            f.push_back({Health::Failing, "terminal-not-running",
                         "La borne ne donne plus signe de vie depuis " + duration(age) + " (arrêtée ou bloquée)."});
        bool printer = false;
        for (const auto& d : in.heartbeat->devices)
            if (d.kind == "printer") {
                printer = true;
                judgePrinter(d, f);
            }
        if (!printer) f.push_back({Health::Failing, "printer-absent", "Aucune imprimante configurée ou détectée."});
        if (in.heartbeat->outOfService)
            f.push_back({Health::Degraded, "out-of-service", "La borne est en mode « hors service » (mis par l'accueil)."});
    }
    if (!in.outbox) {
        f.push_back({Health::Failing, "outbox-refused", "La file des demandes est illisible : " + in.outboxError});
    } else {
        if (in.outbox->oldestQueuedAgeS && *in.outbox->oldestQueuedAgeS > in.config.queueDegradedSeconds)
            f.push_back({Health::Degraded, "queue-old",
                         "Une demande attend l'envoi depuis " + duration(*in.outbox->oldestQueuedAgeS) + "."});
        if (auto pay = in.outbox->paymentsToCheck)
            f.push_back({Health::Degraded, "payments-to-check",
                         std::to_string(pay) + " paiement(s) par carte à vérifier (résultat inconnu ou non enregistré) : "
                         "comparez avec le journal du terminal de paiement, puis guichetctl pay checked"});
        if (auto dead = in.outbox->count("dead"))
            f.push_back({Health::Degraded, "dead-submissions",
                         std::to_string(dead) + " demande(s) abandonnée(s) après trop d'échecs : guichetctl outbox retry --dead"});
    }
    for (const auto& x : f) r.overall = std::max(r.overall, x.level);
    return r;
}

std::string statusText(const StatusInputs& in, const StatusReport& r) {
    std::string out = std::string("Borne : ") + healthFrench(r.overall) + " (" + healthName(r.overall) + ")\n";
    if (in.heartbeat) {
        out += "  version " + in.heartbeat->version + ", borne " + in.heartbeat->terminalId + ", dernier signe de vie il y a " +
               duration(std::max<std::int64_t>(0, in.now - in.heartbeat->writtenAt)) + "\n";
        for (const auto& d : in.heartbeat->devices)
            out += "  " + d.kind + " : " + d.status + (d.detail.empty() ? "" : " (" + d.detail + ")") + "\n";
    }
    if (in.outbox) {
        out += "  demandes : " + std::to_string(in.outbox->waiting()) + " en attente, " + std::to_string(in.outbox->sentToday) +
               " envoyées aujourd'hui, " + std::to_string(in.outbox->count("dead")) + " abandonnées";
        if (in.outbox->oldestQueuedAgeS) out += ", la plus ancienne attend depuis " + duration(*in.outbox->oldestQueuedAgeS);
        out += "\n";
        for (const auto& [c, ms] : in.outbox->lastSentAtMs)
            out += "  dernier envoi réussi (" + c + ") il y a " + duration(std::max<std::int64_t>(0, in.now - ms / 1000)) + "\n";
        for (const auto& [c, answered] : in.outbox->lastAttemptAnswered)
            out += "  connexion (" + c + ") : " + (answered ? "en ligne" : "injoignable à la dernière tentative") + "\n";
    }
    for (const auto& x : r.findings) out += std::string("  [") + healthFrench(x.level) + "] " + x.message + "\n";
    return out;
}

std::string statusJson(const StatusInputs& in, const StatusReport& r) {
    using nlohmann::json;
    json j;
    j["status"] = healthName(r.overall);
    j["exit_code"] = static_cast<int>(r.overall);
    j["findings"] = json::array();
    for (const auto& x : r.findings) j["findings"].push_back({{"level", healthName(x.level)}, {"code", x.code}, {"message", x.message}});
    if (in.heartbeat) {
        const auto& h = *in.heartbeat;
        j["terminal"] = {{"version", h.version}, {"id", h.terminalId}, {"pid", h.pid}, {"heartbeat_age_seconds", in.now - h.writtenAt},
                         {"out_of_service", h.outOfService}};
        j["devices"] = json::array();
        for (const auto& d : h.devices) j["devices"].push_back({{"kind", d.kind}, {"status", d.status}, {"detail", d.detail}});
    } else {
        j["terminal"] = nullptr;
    }
    if (in.outbox) {
        const auto& o = *in.outbox;
        j["outbox"] = {{"by_state", o.byState}, {"waiting", o.waiting()}, {"sent_today", o.sentToday}, {"dead", o.count("dead")}, {"payments_to_check", o.paymentsToCheck},
                       {"oldest_queued_age_seconds", o.oldestQueuedAgeS ? json(*o.oldestQueuedAgeS) : json(nullptr)}};
        json last = json::object();
        for (const auto& [c, ms] : o.lastSentAtMs) last[c] = ms / 1000;
        j["outbox"]["last_sent_at"] = last;
        j["outbox"]["online"] = o.lastAttemptAnswered;  // connector -> its latest attempt was answered
    } else {
        j["outbox"] = nullptr;
    }
    j["config"] = {{"state_dir", in.config.stateDir}, {"outbox_database", outboxDatabasePath(in.config)},
                   {"metrics_file", in.config.metricsFile}};
    return j.dump(2) + "\n";
}

}  // namespace guichet::appliance
