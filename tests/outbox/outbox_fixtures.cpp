#include "tests/outbox/outbox_fixtures.hpp"

#include <fstream>
#include <stdexcept>
#include <sstream>

namespace guichet::test {

Bytes attachmentBytes(int seed, int index, std::size_t size) {
    Bytes b(size);
    std::uint32_t x = static_cast<std::uint32_t>(seed * 7919 + index * 104729 + 1);
    for (auto& v : b) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v = static_cast<std::uint8_t>(x);
    }
    return b;
}

Submission makeSubmission(int seed, const std::vector<std::size_t>& sizes, const std::string& connector) {
    Submission s;
    s.uuid = newUuid();
    s.reference = referenceFromUuid(s.uuid);
    s.procedureId = "signalement";
    s.connector = connector;
    s.language = "fr";
    s.terminalId = "borne-01";
    s.createdAt = 1790000000 + seed;
    s.answers = {{"nom", "Dupont-" + std::to_string(seed)},
                 {"prenom", "Amélie"},
                 {"message", "Lampadaire éteint rue des Lilas n°" + std::to_string(seed)},
                 {"categories", {"eclairage", "securite"}}};
    for (std::size_t i = 0; i < sizes.size(); ++i)
        s.attachments.push_back({"piece-" + std::to_string(i) + ".pdf", "application/pdf",
                                 attachmentBytes(seed, static_cast<int>(i), sizes[i])});
    return s;
}

outbox::StoreOptions storeOptions(const std::string& dir, const std::string& vfs) {
    outbox::StoreOptions o;
    o.path = dir + "/outbox.sqlite";
    o.keyFile = dir + "/outbox.key";
    o.vfs = vfs;
    return o;
}

Bytes readAttachment(outbox::OutboxStore& store, const outbox::Entry& e, const outbox::AttachmentMeta& m) {
    auto r = store.openAttachment(e, m);
    Bytes out;
    for (;;) {
        auto more = r.next(out);
        if (!more || !*more) break;
    }
    return out;
}

bool holdsWhole(outbox::OutboxStore& store, const Submission& s) {
    auto e = store.find(s.uuid);
    if (!e) return false;
    auto loaded = store.loadSubmission(*e);
    if (!loaded || loaded->answers != s.answers || loaded->attachments.size() != s.attachments.size()) return false;
    auto metas = store.attachments(e->id);
    if (metas.size() != s.attachments.size()) return false;
    for (std::size_t i = 0; i < metas.size(); ++i) {
        if (loaded->attachments[i].name != s.attachments[i].name) return false;
        if (readAttachment(store, *e, metas[i]) != s.attachments[i].data) return false;
    }
    return true;
}

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace guichet::test

namespace guichet::test {
std::unique_ptr<outbox::OutboxStore> openStore(const outbox::StoreOptions& options) {
    auto r = outbox::OutboxStore::open(options);
    if (!r) throw std::runtime_error("cannot open the outbox: " + r.error().message);
    return std::move(r).value();
}
}  // namespace guichet::test
