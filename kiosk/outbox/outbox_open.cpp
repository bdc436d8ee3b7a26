#include "kiosk/outbox/outbox_open.hpp"

#include "drivers/common/log.hpp"

namespace guichet::outbox {

StoreOptions storeOptionsFrom(const OutboxConfig& cfg) {
    StoreOptions o;
    o.path = cfg.database;
    o.keyFile = cfg.effectiveKeyFile();
    o.integrityCheck = cfg.integrityCheck;
    o.routes = cfg.routes;
    return o;
}

OpenedOutbox openOutbox(const OutboxConfig& cfg) {
    OpenedOutbox out;
    auto store = OutboxStore::open(storeOptionsFrom(cfg));
    if (!store) {
        log::error("outbox", "the outbox cannot be opened, submissions are refused: " + store.error().message);
        out.store = std::make_unique<UnavailableStore>(store.error());
        return out;
    }
    out.outbox = store->get();
    out.store = std::move(store).value();
    return out;
}

}  // namespace guichet::outbox
