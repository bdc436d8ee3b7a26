#include "ui/followup/followup_lookup.hpp"

#include "ui/core/screen.hpp"

namespace guichet::ui::followup {

void RemoteLookups::start(MainThreadQueue& queue, outbox::OutboxConfig config, outbox::Entry entry,
                          std::function<void(guichet::followup::RemoteStatus)> done) {
    // A resident waits in front of the screen: a short leash whatever the upload timeouts.
    config.http.connectTimeoutMs = std::min(config.http.connectTimeoutMs, 3000);
    config.http.requestTimeoutMs = std::min(config.http.requestTimeoutMs, 6000);
    std::lock_guard<std::mutex> lock(mutex_);
    threads_.emplace_back([&queue, config = std::move(config), entry = std::move(entry), done = std::move(done)] {
        auto status = guichet::followup::fetchRemoteStatus(config, entry);
        queue.post([done, status] { done(status); });
    });
}

void RemoteLookups::joinAll() {
    std::vector<std::thread> threads;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        threads.swap(threads_);
    }
    for (auto& t : threads)
        if (t.joinable()) t.join();
}

RemoteLookups& remoteLookups() {
    static RemoteLookups lookups;
    return lookups;
}

namespace {
class FollowUpExtension : public UiExtension {
public:
    void onShutdown(UiContext&) override { remoteLookups().joinAll(); }
};
GUICHET_UI_EXTENSION(FollowUpExtension);
}  // namespace

}  // namespace guichet::ui::followup
