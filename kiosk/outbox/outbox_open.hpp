// What the terminal wires at start-up: the outbox from its configuration, or — when it
// cannot be opened (corrupt, read-only, key missing) — a store that refuses every
// submission with the resident message, so the wizard never promises what it cannot keep.
#pragma once

#include <memory>

#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/outbox/outbox_store.hpp"

namespace guichet::outbox {

class UnavailableStore : public SubmissionStore {
public:
    explicit UnavailableStore(Error why) : why_(std::move(why)) {}
    Result<void> store(const Submission&) override { return makeError(why_.code, kStoreFailedMessage); }
    const Error& reason() const { return why_; }  // for the operator screen and the log

private:
    Error why_;
};

StoreOptions storeOptionsFrom(const OutboxConfig& cfg);

struct OpenedOutbox {
    std::unique_ptr<SubmissionStore> store;  // always usable: OutboxStore or UnavailableStore
    OutboxStore* outbox = nullptr;           // null when unavailable
};
OpenedOutbox openOutbox(const OutboxConfig& cfg);

}  // namespace guichet::outbox
