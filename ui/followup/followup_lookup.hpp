// The follow-up's one background task: asking the back office over the network, which
// may take seconds, off the UI thread. The outbox's own answer is read on the UI thread
// (one indexed row, like the wizard's store()); the network answer is posted back.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/followup/remote_status.hpp"

namespace guichet::ui::followup {

class RemoteLookups {
public:
    ~RemoteLookups() { joinAll(); }
    // Runs fetchRemoteStatus on its own thread and posts `done` to the UI thread.
    void start(MainThreadQueue& queue, outbox::OutboxConfig config, outbox::Entry entry,
               std::function<void(guichet::followup::RemoteStatus)> done);
    void joinAll();

private:
    std::mutex mutex_;
    std::vector<std::thread> threads_;
};

// The terminal's instance (joined at shutdown by the follow-up extension).
RemoteLookups& remoteLookups();

}  // namespace guichet::ui::followup
