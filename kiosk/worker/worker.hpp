// One thread that runs what it is given, in order, and sleeps while there is nothing to do:
// the shape shared by the terminal's services (card, scanner, printer, uploader, speech).
// Tasks are posted now or for a deadline (retry, probe, retention, heartbeat); the thread
// wakes for a post, for the earliest deadline, or for stop() — never on a fixed poll.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "drivers/common/result.hpp"

namespace guichet {

class Worker {
public:
    using Clock = std::chrono::steady_clock;
    using Task = std::function<void()>;
    using TimerId = std::uint64_t;

    // `name` names the thread (top -H, /proc/<pid>/task/*/comm); at most 15 characters.
    explicit Worker(std::string name);
    ~Worker();  // stop() and join()
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    // Starts the thread; an error (not an exit) when it cannot, or when already running.
    // A worker stopped and joined can be started again; what was dropped stays dropped.
    Result<void> start();
    // Runs `task` on the thread after every task posted before it. Before start() it waits
    // for the thread; after stop() it is dropped (false).
    bool post(Task task);
    // Runs `task` on the thread at `when` (at once if already past), before later timers.
    TimerId postAt(Clock::time_point when, Task task);
    TimerId postAfter(Clock::duration delay, Task task) { return postAt(Clock::now() + delay, std::move(task)); }
    void cancel(TimerId id);  // a timer not run yet is dropped; no effect otherwise
    // The thread finishes the task it is running and ends; queued tasks and timers are dropped
    // (destroyed by join(), on the caller's thread). Any thread, also a task itself.
    void stop();
    // Waits for the thread to end (after stop()). From the worker's own thread: no-op.
    void join();

    bool running() const;    // started and not yet joined
    bool stopping() const;   // stop() was called (until the next start())
    bool onThread() const { return std::this_thread::get_id() == thread_.get_id(); }
    // For a task that must wait (a card to be inserted, a device to settle) yet stay
    // stoppable: sleeps until `deadline`, stop() or wake(). False when stopping.
    bool waitUntil(Clock::time_point deadline);
    void wake();             // ends a waitUntil() early (new input for the waiting task)
    std::size_t pending() const;   // tasks and timers not run yet
    std::uint64_t wakeups() const; // times the thread woke from sleep (idle benchmark, tests)

private:
    void run();
    void dropQueued();

    const std::string name_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Task> tasks_;
    std::multimap<Clock::time_point, std::pair<TimerId, Task>> timers_;
    TimerId nextTimer_ = 1;
    bool stop_ = false;
    bool woken_ = false;
    std::uint64_t wakeups_ = 0;
    std::thread thread_;
};

}  // namespace guichet
