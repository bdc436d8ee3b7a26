// For towns without an API: each submission becomes a folder <uuid>/ holding submission.json
// and its attachments, in a share that staff collect. Written under a hidden name, synced,
// then renamed: staff never see a half-written folder.
#pragma once

#include "kiosk/upload/connector.hpp"

namespace guichet::upload {

class DirectoryConnector : public Connector {
public:
    explicit DirectoryConnector(outbox::DirectoryConfig cfg) : cfg_(std::move(cfg)) {}
    std::string name() const override { return "directory"; }
    SendOutcome send(outbox::OutboxStore& store, const outbox::Entry& entry) override;
    bool reachable() override;

private:
    outbox::DirectoryConfig cfg_;
};

// "Pièce d'identité.pdf" -> "Pi_ce_d_identit_.pdf": safe on any share, no path tricks.
std::string safeFileName(const std::string& name);

}  // namespace guichet::upload
