// The catalogue checked against the back offices it is routed to (config/outbox.toml): a
// procedure must not be routed to a connector that is not configured, nor to a w.c.s. form
// or Open311 service the configuration does not name, and every document field must have a
// place in the w.c.s. form — else a resident's document would be refused at sending time.
#pragma once

#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/procedures/catalogue_loader.hpp"

namespace guichet::upload {

// The connector that carries `procedure`: the outbox's route, else the catalogue's choice.
std::string effectiveConnector(const procedures::Procedure& procedure, const outbox::OutboxConfig& cfg);

// One "file:line: message" per problem, at the procedure's file (the field's line).
procedures::Diagnostics checkConnectorMappings(const procedures::Catalogue& catalogue, const outbox::OutboxConfig& cfg,
                                               const std::string& outboxFile);

}  // namespace guichet::upload
