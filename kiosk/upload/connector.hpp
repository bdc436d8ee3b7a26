// A connector carries one submission to one kind of back office (webhook, Open311, w.c.s.,
// a directory) and says what happened, in the outbox's terms: sent, rejected or retry.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/upload/http_client.hpp"

namespace guichet::upload {

struct SendOutcome {
    enum class Kind { Sent, Rejected, Retry } kind = Kind::Retry;
    std::string remoteId;
    std::string remoteToken;  // Open311: the request is accepted, its id comes later
    std::string detail;       // for the operator; never personal data
    int httpStatus = 0;
    bool ambiguous = false;   // the back office may have it already
    bool offline = false;     // nothing reached it: wait for the network
};

// A send that the connector reported as done but could not complete at the end of its
// batch (finishBatch): recorded as a retry instead.
struct BatchFailure {
    std::string uuid;
    std::string detail;
};

// What the sends of one batch report back to the uploader (ConnectorWorker::sendBatch).
class BatchSends {
public:
    virtual ~BatchSends() = default;
    // Asked before each send starts; false (offline, the batch has lasted long enough):
    // no more sends start, and the entries not started go back to the queue untouched.
    virtual bool mayStart() = 0;
    // entries[index] was sent (or failed); called once per send started, in any order.
    virtual void done(std::size_t index, const SendOutcome& outcome) = 0;
};

class Connector {
public:
    virtual ~Connector() = default;
    virtual std::string name() const = 0;
    virtual SendOutcome send(outbox::OutboxStore& store, const outbox::Entry& entry) = 0;
    virtual bool reachable() = 0;
    // Open311 token → service_request_id, once the back office assigned it.
    virtual bool answersWithTokens() const { return false; }
    virtual std::optional<std::string> resolveToken(const outbox::Entry&) { return std::nullopt; }
    // A batch of sends (the uploader's): between beginBatch and finishBatch a connector may
    // defer what it can do once for all of them (the directory syncs its share once), and
    // finishBatch completes it, naming the sends that finally failed. Outside a batch every
    // send is complete when it returns.
    virtual void beginBatch() {}
    // Sends a batch's entries and reports each outcome to sends. By default one after the
    // other; a connector may keep several in flight (the webhook does).
    virtual void sendEach(outbox::OutboxStore& store, const std::vector<outbox::Entry>& entries, BatchSends& sends);
    virtual std::vector<BatchFailure> finishBatch() { return {}; }
    // True: a backlog goes as a pipeline of batches, each sent while the previous one's
    // outcomes are recorded and the next one is claimed (ConnectorWorker). Only the webhook,
    // the connector measured for it (issue 17); the others send and record in turn.
    virtual bool pipelinesBatches() const { return false; }
};

// nullptr with a message when the connector is not configured.
Result<std::unique_ptr<Connector>> makeConnector(const std::string& name, const outbox::OutboxConfig& cfg);

// The common reading of an HTTP exchange: transport failures retry (ambiguous when the
// request had left), 5xx and 429 retry, other 4xx are rejected; 2xx is left to the caller.
std::optional<SendOutcome> classifyFailure(const HttpResponse& res);

// The submission to send could not be loaded from the outbox. Only data that is corrupt or
// gone (purged, never stored) is rejected for the operator; a transient read error (database
// busy, I/O error, disk full) leaves it queued, to be retried later.
SendOutcome loadFailure(const Error& error);

std::string hmacSha256Hex(const std::string& key, BodySource& body);
std::string hmacSha256Base64(const std::string& key, const std::string& message);

}  // namespace guichet::upload
