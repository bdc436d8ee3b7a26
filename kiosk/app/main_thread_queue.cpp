#include "kiosk/app/main_thread_queue.hpp"

namespace guichet {

void MainThreadQueue::setWakeup(std::function<void()> wakeup) {
    std::lock_guard lock(mutex_);
    wakeup_ = std::move(wakeup);
}

void MainThreadQueue::post(Task task) {
    std::function<void()> wake;
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
        wake = wakeup_;
    }
    if (wake) wake();
}

std::size_t MainThreadQueue::runPending() {
    {
        std::lock_guard lock(mutex_);
        if (tasks_.empty()) return 0;
        running_.swap(tasks_);
    }
    for (auto& t : running_) t();
    std::size_t n = running_.size();
    running_.clear();
    return n;
}

bool MainThreadQueue::empty() const {
    std::lock_guard lock(mutex_);
    return tasks_.empty();
}

}  // namespace guichet
