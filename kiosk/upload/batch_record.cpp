#include "kiosk/upload/batch_record.hpp"

#include "drivers/common/log.hpp"

namespace guichet::upload {

void SendReport::add(const SendReport& o) {
    sent += o.sent;
    rejected += o.rejected;
    retried += o.retried;
    dead += o.dead;
}

namespace {

void logRecorded(const std::string& name, const outbox::SendRecord& rec, const outbox::Entry& entry, SendReport& report) {
    using Kind = outbox::SendRecord::Kind;
    switch (rec.kind) {
        case Kind::Sent:
            // One journal line a batch (below); each demand's line at debug level only.
            if (log::enabled(log::Level::Debug))
                log::debug("upload", name + ": sent " + entry.uuid + " (attempt " + std::to_string(entry.attempts) +
                                         (rec.remoteId.empty() ? "" : ", remote id " + rec.remoteId) +
                                         (rec.remoteToken.empty() ? "" : ", token " + rec.remoteToken) + ")");
            ++report.sent;
            break;
        case Kind::Rejected:
            log::warning("upload", name + ": rejected " + entry.uuid + ": " + rec.detail + " — operator: guichetctl outbox show " + entry.uuid);
            ++report.rejected;
            break;
        case Kind::Retry:
            if (rec.resulting == outbox::State::Dead) {
                log::error("upload", name + ": " + entry.uuid + " is dead after " + std::to_string(entry.attempts) +
                                         " attempts (" + rec.detail + ") — operator: guichetctl outbox retry " + entry.uuid);
                ++report.dead;
            } else {
                log::warning("upload", name + ": backoff: " + entry.uuid + " attempt " + std::to_string(entry.attempts) +
                                           " failed (" + rec.detail + "); next try in " + std::to_string(rec.delayMs) + " ms");
                ++report.retried;
            }
            break;
        case Kind::Unclaimed: break;
    }
}

}  // namespace

SentBatch unsent(std::vector<outbox::Entry> entries) {
    SentBatch batch;
    batch.records.resize(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        batch.records[i].id = entries[i].id;
        batch.records[i].kind = outbox::SendRecord::Kind::Unclaimed;
    }
    batch.entries = std::move(entries);
    return batch;
}

SendReport recordSent(outbox::OutboxStore& store, const std::string& name, SentBatch& batch) {
    SendReport report;
    const auto& entries = batch.entries;
    if (auto saved = store.recordBatch(batch.records, outbox::nowMs()); !saved) {
        // The rows stay "sending": the next start re-queues them as possible duplicates.
        log::error("upload", name + ": cannot record the outcome of " + std::to_string(entries.size()) +
                                 " submission(s): " + saved.error().message);
        return report;
    }
    for (std::size_t i = 0; i < entries.size(); ++i) logRecorded(name, batch.records[i], entries[i], report);
    if (report.sent > 0) {
        // The references of the first and last sent: enough to find the batch in `guichetctl
        // outbox list`; never personal data (a UUID and a reference are neither).
        const outbox::Entry* first = nullptr;
        const outbox::Entry* last = nullptr;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (batch.records[i].kind != outbox::SendRecord::Kind::Sent) continue;
            if (!first) first = &entries[i];
            last = &entries[i];
        }
        log::info("upload", name + ": sent " + std::to_string(report.sent) + " submission(s): " + first->reference +
                                (report.sent > 1 ? " … " + last->reference : ""));
    }
    return report;
}

}  // namespace guichet::upload
