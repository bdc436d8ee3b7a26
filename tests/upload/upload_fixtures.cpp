#include "tests/upload/upload_fixtures.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace guichet::test {

outbox::StoreOptions UploadBench::options() const {
    outbox::StoreOptions o;
    o.path = dir / "outbox.sqlite";
    o.keyFile = dir / "outbox.key";
    o.routes = cfg.routes;
    return o;
}

std::unique_ptr<outbox::OutboxStore> UploadBench::open() const {
    auto r = outbox::OutboxStore::open(options());
    if (!r) throw std::runtime_error(r.error().message);
    return std::move(r).value();
}

Bytes sampleBytes(int seed, std::size_t size) {
    Bytes b(size);
    std::uint32_t x = static_cast<std::uint32_t>(seed) * 2654435761u + 7;
    for (auto& v : b) {
        x = x * 1664525u + 1013904223u;
        v = static_cast<std::uint8_t>(x >> 24);
    }
    return b;
}

Submission sampleSubmission(int seed, const std::string& connector, const std::string& procedure, std::size_t size) {
    Submission s;
    s.uuid = newUuid();
    s.reference = referenceFromUuid(s.uuid);
    s.procedureId = procedure;
    s.connector = connector;
    s.language = "fr";
    s.terminalId = "borne-hall";
    s.createdAt = 1790000000 + seed;
    s.answers = {{"nom", "Lefèvre"},
                 {"prenom", "Noémie"},
                 {"courriel", "noemie.lefevre@example.fr"},
                 {"adresse", "12 rue de la Gare, 44000 Nantes"},
                 {"message", "Nid-de-poule profond devant l'école <danger> n°" + std::to_string(seed)},
                 {"gravite", 2},
                 {"categories", {"chaussee", "securite"}}};
    if (size > 0) {
        s.attachments.push_back({"photo-trou.jpg", "image/jpeg", sampleBytes(seed, size)});
        s.answers["photo"] = "photo-trou.jpg";
    }
    return s;
}

Bytes base64Decode(const std::string& s) {
    Bytes out(s.size());
    std::size_t len = 0;
    if (sodium_base642bin(out.data(), out.size(), s.data(), s.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        throw std::runtime_error("invalid base64");
    out.resize(len);
    return out;
}

outbox::Entry entryOf(outbox::OutboxStore& store, const std::string& uuid) {
    auto e = store.find(uuid);
    if (!e) throw std::runtime_error("no entry " + uuid);
    return *e;
}

std::string unreachableLeftOneAttempt(outbox::OutboxStore& store, const std::vector<Submission>& subs) {
    int attempted = 0;
    for (const auto& s : subs) {
        auto e = entryOf(store, s.uuid);
        if (e.state != outbox::State::Queued) return s.uuid + " is not queued";
        if (store.attemptsOf(e.id).size() != static_cast<std::size_t>(e.attempts))
            return s.uuid + ": " + std::to_string(e.attempts) + " attempts, not one journal row each";
        attempted += e.attempts;
    }
    return attempted == 1 ? std::string() : std::to_string(attempted) + " attempts in all, not 1";
}

std::vector<Submission> storeWebhookDemands(outbox::OutboxStore& store, int n, int firstSeed) {
    std::vector<Submission> subs;
    for (int i = 0; i < n; ++i) {
        subs.push_back(sampleSubmission(firstSeed + i, "webhook", "p"));
        if (!store.store(subs.back())) throw std::runtime_error("cannot store " + subs.back().uuid);
    }
    return subs;
}

int maxConcurrent(const ReceiverProcess& receiver) {
    int most = 0;
    for (const auto& q : receiver.requests()) most = std::max(most, q.value("concurrent", 0));
    return most;
}

bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
}

HeldWebhook::HeldWebhook(UploadBench& bench, int inFlight, int answeredFirst) : b(bench) {
    receiver = ReceiverProcess::start({"--mode", "webhook", "--hold", b.dir / "answer", "--hold-after",
                                       std::to_string(answeredFirst)},
                                      b.dir / "log.jsonl");
    b.cfg.webhook = outbox::WebhookConfig{receiver->url("/hook"), "s3cret"};
    b.cfg.http.inFlight = inFlight;
}

void HeldWebhook::release() const { std::ofstream(b.dir / "answer") << "go"; }

Drain::Drain(const HeldWebhook& h) : hook(h) {
    thread = std::thread([this] { report = upload::Uploader::sendOnce(hook.b.options(), hook.b.cfg); });
}

const Result<upload::SendReport>& Drain::finish() {
    hook.release();
    if (thread.joinable()) thread.join();
    return *report;
}

Drain::~Drain() {
    hook.release();
    if (thread.joinable()) thread.join();
}

StderrCapture::StderrCapture() {
    char tmpl[] = "/tmp/guichet-stderr-XXXXXX";
    int fd = ::mkstemp(tmpl);
    path_ = tmpl;
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
}

StderrCapture::~StderrCapture() {
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    ::unlink(path_.c_str());
}

std::string StderrCapture::text() const {
    std::fflush(stderr);
    std::ifstream in(path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace guichet::test
