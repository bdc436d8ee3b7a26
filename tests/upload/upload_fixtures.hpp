// Shared helpers of the upload tests: a store in a temporary folder, submissions with
// known answers and attachments, base64 decoding, stderr capture (to read the log).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/upload/uploader.hpp"
#include "tests/support/receivers/receiver_process.hpp"

namespace guichet::test {

struct UploadBench {
    TempDir dir;
    outbox::OutboxConfig cfg;
    outbox::StoreOptions options() const;
    std::unique_ptr<outbox::OutboxStore> open() const;
};

Submission sampleSubmission(int seed, const std::string& connector, const std::string& procedure,
                            std::size_t attachmentSize = 0);
Bytes sampleBytes(int seed, std::size_t size);
Bytes base64Decode(const std::string& s);
outbox::Entry entryOf(outbox::OutboxStore& store, const std::string& uuid);
// n webhook demands, sampleSubmission(firstSeed + i, "webhook", "p"), stored in queue order.
std::vector<Submission> storeWebhookDemands(outbox::OutboxStore& store, int n, int firstSeed);
// After a drain that found the back office unreachable: every demand still queued, one
// journal row per attempt, and one attempt in all (not one per demand, nor in_flight of
// them). Empty when so; otherwise what is wrong, for the test's message.
std::string unreachableLeftOneAttempt(outbox::OutboxStore& store, const std::vector<Submission>& subs);
// The most requests a receiver was answering at once (the "concurrent" of its log).
int maxConcurrent(const ReceiverProcess& receiver);
// Polls done() until it holds or limit has passed; its last answer.
bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds limit);

// A webhook receiver that holds its answers until release(): the test decides when the back
// office answers. The first `answeredFirst` answers go at once (a hold at a given request).
struct HeldWebhook {
    UploadBench& b;
    std::unique_ptr<ReceiverProcess> receiver;
    HeldWebhook(UploadBench& bench, int inFlight, int answeredFirst = 0);
    void release() const;
};

// `guichetctl outbox send --once` (Uploader::sendOnce) on a thread of its own; released and
// joined when it goes (a failed REQUIRE included), so that the held receiver never hangs
// the test.
struct Drain {
    const HeldWebhook& hook;
    std::optional<Result<upload::SendReport>> report;
    std::thread thread;
    explicit Drain(const HeldWebhook& h);
    const Result<upload::SendReport>& finish();
    ~Drain();
};

// Redirects stderr (where log:: writes) to a file while alive; text() reads it so far.
class StderrCapture {
public:
    StderrCapture();
    ~StderrCapture();
    std::string text() const;

private:
    int saved_ = -1;
    std::string path_;
};

}  // namespace guichet::test
