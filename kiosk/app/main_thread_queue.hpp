// Workers (devices, uploader, speech) never touch UI state: they post closures here and the
// UI thread runs them between frames. The wake-up hook lets the UI sleep until something
// is posted (the UI sets it to push an SDL user event), so an idle terminal burns no CPU.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

namespace guichet {

class MainThreadQueue {
public:
    using Task = std::function<void()>;

    void setWakeup(std::function<void()> wakeup);
    void post(Task task);       // any thread
    std::size_t runPending();   // UI thread only; returns how many tasks ran
    bool empty() const;

private:
    mutable std::mutex mutex_;
    std::vector<Task> tasks_;
    std::vector<Task> running_;  // swapped in, reused: no allocation on an idle frame
    std::function<void()> wakeup_;
};

}  // namespace guichet
