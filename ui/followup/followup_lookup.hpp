// The follow-up's one background task: asking the back office over the network, which
// may take seconds, off the UI thread. The outbox's own answer is read on the UI thread
// (one indexed row, like the wizard's store()); the network answer is posted back.
#pragma once

#include <functional>

#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/followup/remote_status.hpp"
#include "kiosk/worker/worker.hpp"

namespace guichet::ui::followup {

class RemoteLookups {
public:
    ~RemoteLookups() { stop(); }
    // Runs fetchRemoteStatus on the follow-up worker and posts `done` to the UI thread
    // (at once, as "unreachable", when the worker cannot start).
    void start(MainThreadQueue& queue, outbox::OutboxConfig config, outbox::Entry entry,
               std::function<void(guichet::followup::RemoteStatus)> done);
    void stop();  // drops what is queued, waits for the request under way (≤ 6 s)

private:
    Worker worker_{"followup"};
};

// The terminal's instance (stopped at shutdown by the follow-up extension).
RemoteLookups& remoteLookups();

}  // namespace guichet::ui::followup
