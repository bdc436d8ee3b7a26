// A batch's outcomes as the uploader records them: one transaction for all of them, then
// the journal (a line per demand at debug level, one per batch at info) and the counts.
// Shared by the sender's own connection and the BatchRecorder's (batch_recorder.hpp).
#pragma once

#include <string>
#include <vector>

#include "kiosk/outbox/outbox_store.hpp"

namespace guichet::upload {

struct SendReport {
    int sent = 0, rejected = 0, retried = 0, dead = 0, recovered = 0;
    void add(const SendReport& other);  // every count but `recovered` (a start's, not a batch's)
};

// The entries of one claimed batch and what became of each (records[i] for entries[i]).
struct SentBatch {
    std::vector<outbox::Entry> entries;
    std::vector<outbox::SendRecord> records;
};

// `entries` with every record Unclaimed: an entry whose send does not start goes back to the
// queue as it was (attempt not counted).
SentBatch unsent(std::vector<outbox::Entry> entries);

// Records `batch` in one transaction on `store` and journals it; what was recorded. When the
// transaction fails the rows stay "sending" (the next start re-queues them as possible
// duplicates): an error line, nothing counted.
SendReport recordSent(outbox::OutboxStore& store, const std::string& connectorName, SentBatch& batch);

}  // namespace guichet::upload
