// Shared helpers of the outbox tests: submissions with known content and store options
// pointing into a temporary folder.
#pragma once

#include <string>
#include <vector>

#include "kiosk/outbox/outbox_store.hpp"

namespace guichet::test {

// A submission whose answers hold recognisable personal data and whose attachments have
// the given sizes (bytes derived from the seed, so a test can check them after the fact).
Submission makeSubmission(int seed, const std::vector<std::size_t>& attachmentSizes = {},
                          const std::string& connector = "webhook");
Bytes attachmentBytes(int seed, int index, std::size_t size);

outbox::StoreOptions storeOptions(const std::string& dir, const std::string& vfs = "");

// Reads one stored attachment back through the streaming reader.
Bytes readAttachment(outbox::OutboxStore& store, const outbox::Entry& e, const outbox::AttachmentMeta& m);

// True when the store holds exactly this submission (answers and every attachment byte).
bool holdsWhole(outbox::OutboxStore& store, const Submission& s);

std::string readWholeFile(const std::string& path);

}  // namespace guichet::test

namespace guichet::test {
// Opens a store that must open (throws std::runtime_error with the reason otherwise).
std::unique_ptr<outbox::OutboxStore> openStore(const outbox::StoreOptions& options);
}  // namespace guichet::test
