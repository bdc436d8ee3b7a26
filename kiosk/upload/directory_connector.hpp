// For towns without an API: each submission becomes a folder <uuid>/ holding submission.json
// and its attachments, in a share that staff collect. Written under a hidden name, synced,
// then renamed: staff never see a half-written folder. In a batch (the uploader's), the
// folders are written first, the share is synced once (syncfs), then they are renamed and
// the share's folder synced once: two syncs a batch instead of three or more a submission.
#pragma once

#include <string>
#include <vector>

#include "kiosk/upload/connector.hpp"

namespace guichet::upload {

class DirectoryConnector : public Connector {
public:
    explicit DirectoryConnector(outbox::DirectoryConfig cfg) : cfg_(std::move(cfg)) {}
    std::string name() const override { return "directory"; }
    SendOutcome send(outbox::OutboxStore& store, const outbox::Entry& entry) override;
    bool reachable() override;
    void beginBatch() override;
    std::vector<BatchFailure> finishBatch() override;

private:
    // A folder written under its hidden name, waiting for the batch's sync to be renamed.
    struct Pending {
        std::string uuid, staging, final;
    };
    outbox::DirectoryConfig cfg_;
    bool inBatch_ = false;
    std::vector<Pending> pending_;
};

// "Pièce d'identité.pdf" -> "Pi_ce_d_identit_.pdf": safe on any share, no path tricks.
std::string safeFileName(const std::string& name);

}  // namespace guichet::upload
