#include "ui/followup/followup_lookup.hpp"

#include <algorithm>

#include "ui/core/screen.hpp"

namespace guichet::ui::followup {

void RemoteLookups::start(MainThreadQueue& queue, outbox::OutboxConfig config, outbox::Entry entry,
                          std::function<void(guichet::followup::RemoteStatus)> done) {
    // A resident waits in front of the screen: a short leash whatever the upload timeouts.
    config.http.connectTimeoutMs = std::min(config.http.connectTimeoutMs, 3000);
    config.http.requestTimeoutMs = std::min(config.http.requestTimeoutMs, 6000);
    if (!worker_.running()) {
        if (auto started = worker_.start(); !started) {
            guichet::followup::RemoteStatus failed;
            failed.kind = guichet::followup::RemoteStatus::Kind::Unreachable;
            failed.detail = started.error().message;
            queue.post([done, failed] { done(failed); });
            return;
        }
    }
    worker_.post([&queue, config = std::move(config), entry = std::move(entry), done = std::move(done)] {
        auto status = guichet::followup::fetchRemoteStatus(config, entry);
        queue.post([done, status] { done(status); });
    });
}

void RemoteLookups::stop() {
    worker_.stop();
    worker_.join();
}

RemoteLookups& remoteLookups() {
    static RemoteLookups lookups;
    return lookups;
}

namespace {
class FollowUpExtension : public UiExtension {
public:
    void onShutdown(UiContext&) override { remoteLookups().stop(); }
};
GUICHET_UI_EXTENSION(FollowUpExtension);
}  // namespace

}  // namespace guichet::ui::followup
