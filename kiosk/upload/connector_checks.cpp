#include "kiosk/upload/connector_checks.hpp"

namespace guichet::upload {

std::string effectiveConnector(const procedures::Procedure& procedure, const outbox::OutboxConfig& cfg) {
    auto r = cfg.routes.find(procedure.id);
    return r != cfg.routes.end() ? r->second : procedure.connector;
}

namespace {

bool configured(const std::string& connector, const outbox::OutboxConfig& cfg) {
    if (connector == "webhook") return cfg.webhook.has_value();
    if (connector == "open311") return cfg.open311.has_value();
    if (connector == "wcs") return cfg.wcs.has_value();
    if (connector == "directory") return cfg.directory.has_value();
    return false;
}

}  // namespace

procedures::Diagnostics checkConnectorMappings(const procedures::Catalogue& catalogue, const outbox::OutboxConfig& cfg,
                                               const std::string& outboxFile) {
    procedures::Diagnostics d;
    for (const auto& p : catalogue.procedures) {
        if (p.kind == "information") continue;  // nothing is sent
        const std::string connector = effectiveConnector(p, cfg);
        auto problem = [&](int line, const std::string& message) { d.push_back({p.file, line, message}); };
        if (!configured(connector, cfg)) {
            problem(1, "la démarche « " + p.id + " » part vers le connecteur « " + connector + " », absent de " +
                           outboxFile + " : ajoutez [connectors." + connector + "] ou une route [routes] " + p.id + " = …");
            continue;
        }
        if (connector == "open311" && !cfg.open311->services.count(p.id))
            problem(1, "la démarche « " + p.id + " » part vers Open311 sans [connectors.open311.services." + p.id +
                           "] dans " + outboxFile);
        if (connector != "wcs") continue;
        if (!cfg.wcs->formdefs.count(p.id)) {
            problem(1, "la démarche « " + p.id + " » part vers w.c.s. sans formulaire : ajoutez " + p.id +
                           " = \"<slug>\" à formdefs de [connectors.wcs] dans " + outboxFile);
            continue;
        }
        auto mapping = cfg.wcs->fields.find(p.id);
        if (mapping == cfg.wcs->fields.end()) continue;  // every field goes to the w.c.s. field of its name
        for (const auto& step : p.steps)
            for (const auto& f : step.fields)
                if (f.type == procedures::FieldType::Document && !mapping->second.count(f.id))
                    problem(f.line, "le document « " + f.id + " » n'a pas de champ w.c.s. dans [connectors.wcs.fields." +
                                        p.id + "] de " + outboxFile + " : il serait refusé à l'envoi");
    }
    return d;
}

}  // namespace guichet::upload
