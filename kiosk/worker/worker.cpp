#include "kiosk/worker/worker.hpp"

#include <pthread.h>

#include <system_error>

namespace guichet {

Worker::Worker(std::string name) : name_(std::move(name)) {}

Worker::~Worker() {
    stop();
    join();
}

Result<void> Worker::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return makeError(ErrorCode::InvalidArgument, name_ + ": already running");
    stop_ = false;
    try {
        thread_ = std::thread([this] { run(); });
    } catch (const std::system_error& e) {
        return makeError(ErrorCode::Io, name_ + ": cannot start its thread: " + e.what());
    }
    pthread_setname_np(thread_.native_handle(), name_.substr(0, 15).c_str());
    return {};
}

bool Worker::post(Task task) {
    {
        std::lock_guard lock(mutex_);
        if (stop_) return false;
        tasks_.push_back(std::move(task));
    }
    cv_.notify_one();
    return true;
}

Worker::TimerId Worker::postAt(Clock::time_point when, Task task) {
    TimerId id;
    bool earliest;
    {
        std::lock_guard lock(mutex_);
        if (stop_) return 0;
        id = nextTimer_++;
        auto it = timers_.emplace(when, std::make_pair(id, std::move(task)));
        earliest = it == timers_.begin();
    }
    // Only a new earliest deadline changes how long the thread sleeps.
    if (earliest) cv_.notify_one();
    return id;
}

void Worker::cancel(TimerId id) {
    Task dropped;  // destroyed outside the lock: it may own anything
    std::lock_guard lock(mutex_);
    for (auto it = timers_.begin(); it != timers_.end(); ++it)
        if (it->second.first == id) {
            dropped = std::move(it->second.second);
            timers_.erase(it);
            break;
        }
}

void Worker::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
}

void Worker::join() {
    if (!thread_.joinable() || onThread()) return;
    thread_.join();
    thread_ = std::thread();
    dropQueued();
}

void Worker::dropQueued() {
    std::deque<Task> tasks;
    std::multimap<Clock::time_point, std::pair<TimerId, Task>> timers;
    {
        std::lock_guard lock(mutex_);
        tasks.swap(tasks_);
        timers.swap(timers_);
    }
}

bool Worker::running() const {
    std::lock_guard lock(mutex_);
    return thread_.joinable();
}

bool Worker::stopping() const {
    std::lock_guard lock(mutex_);
    return stop_;
}

bool Worker::waitUntil(Clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    while (!stop_ && !woken_) {
        if (cv_.wait_until(lock, deadline) == std::cv_status::timeout) break;
        ++wakeups_;
    }
    woken_ = false;
    return !stop_;
}

void Worker::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_all();
}

std::size_t Worker::pending() const {
    std::lock_guard lock(mutex_);
    return tasks_.size() + timers_.size();
}

std::uint64_t Worker::wakeups() const {
    std::lock_guard lock(mutex_);
    return wakeups_;
}

void Worker::run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
        Task task;
        if (!tasks_.empty()) {
            task = std::move(tasks_.front());
            tasks_.pop_front();
        } else if (!timers_.empty() && timers_.begin()->first <= Clock::now()) {
            task = std::move(timers_.begin()->second.second);
            timers_.erase(timers_.begin());
        } else {
            if (timers_.empty()) cv_.wait(lock);
            else cv_.wait_until(lock, timers_.begin()->first);
            ++wakeups_;
            continue;
        }
        lock.unlock();
        if (task) task();
        task = nullptr;  // what the task captured is released on this thread, unlocked
        lock.lock();
    }
}

}  // namespace guichet
