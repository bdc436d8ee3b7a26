// The one worker type of the services: order, deadlines, stop with work queued, restart,
// start-up errors as values, and no wake-up while there is nothing to do.
#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <vector>

#include "kiosk/worker/worker.hpp"

using namespace guichet;
using namespace std::chrono_literals;

namespace {
// Blocks the caller until everything posted so far has run.
void drain(Worker& w) {
    std::promise<void> done;
    w.post([&] { done.set_value(); });
    REQUIRE(done.get_future().wait_for(5s) == std::future_status::ready);
}
}  // namespace

TEST_CASE("worker.runs posted tasks in order on its own thread", "[worker]") {
    Worker w("test-order");
    std::vector<int> seen;
    std::thread::id ran;
    for (int i = 0; i < 5; ++i) w.post([&, i] { seen.push_back(i); ran = std::this_thread::get_id(); });
    REQUIRE(w.start());
    drain(w);
    CHECK(seen == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(ran != std::this_thread::get_id());
}

TEST_CASE("worker.timers run at their deadline, earliest first, and can be cancelled", "[worker]") {
    Worker w("test-timers");
    REQUIRE(w.start());
    std::mutex m;
    std::vector<int> seen;
    auto t0 = Worker::Clock::now();
    std::promise<Worker::Clock::time_point> last;
    w.postAt(t0 + 120ms, [&] { std::lock_guard l(m); seen.push_back(3); last.set_value(Worker::Clock::now()); });
    w.postAt(t0 + 40ms, [&] { std::lock_guard l(m); seen.push_back(1); });
    auto dropped = w.postAt(t0 + 60ms, [&] { std::lock_guard l(m); seen.push_back(99); });
    w.postAt(t0 + 80ms, [&] { std::lock_guard l(m); seen.push_back(2); });
    w.cancel(dropped);
    auto f = last.get_future();
    REQUIRE(f.wait_for(5s) == std::future_status::ready);
    CHECK(f.get() - t0 >= 120ms);
    std::lock_guard l(m);
    CHECK(seen == std::vector<int>{1, 2, 3});
}

TEST_CASE("worker.sleeps without waking while there is nothing to do", "[worker]") {
    Worker w("test-idle");
    REQUIRE(w.start());
    drain(w);
    auto before = w.wakeups();
    std::this_thread::sleep_for(300ms);
    CHECK(w.wakeups() - before == 0);
    // A far deadline does not wake it either.
    w.postAfter(1h, [] {});
    std::this_thread::sleep_for(200ms);
    CHECK(w.wakeups() - before <= 1);  // at most the notify of the new earliest deadline
}

TEST_CASE("worker.stop drops queued work, join releases it, start again works", "[worker]") {
    Worker w("test-restart");
    REQUIRE(w.start());
    std::promise<void> inTask;
    std::promise<void> release;
    auto releaseF = release.get_future();
    std::atomic<int> ran{0};
    auto owned = std::make_shared<int>(7);
    w.post([&] { inTask.set_value(); releaseF.wait(); ++ran; });
    w.post([&, owned] { ++ran; });
    w.postAfter(10ms, [&, owned] { ++ran; });
    inTask.get_future().wait();
    w.stop();
    CHECK_FALSE(w.post([&] { ++ran; }));  // refused once stopping
    release.set_value();
    w.join();
    CHECK(ran == 1);                      // the running task finished, nothing after it
    CHECK(owned.use_count() == 1);        // queued closures were destroyed by join()
    CHECK_FALSE(w.running());
    REQUIRE(w.start());                   // restart after stop
    drain(w);
    CHECK(w.running());
    CHECK_FALSE(w.start());               // already running: an error, not a second thread
}

TEST_CASE("worker.a task waiting for a device returns at once when stopped", "[worker]") {
    Worker w("test-wait");
    REQUIRE(w.start());
    std::promise<bool> result;
    w.post([&] { result.set_value(w.waitUntil(Worker::Clock::now() + 1h)); });
    std::this_thread::sleep_for(50ms);
    auto t0 = Worker::Clock::now();
    w.stop();
    auto f = result.get_future();
    REQUIRE(f.wait_for(5s) == std::future_status::ready);
    CHECK_FALSE(f.get());
    CHECK(Worker::Clock::now() - t0 < 1s);
    w.join();
}

TEST_CASE("worker.wake ends a wait early without stopping", "[worker]") {
    Worker w("test-wake");
    REQUIRE(w.start());
    std::promise<bool> result;
    std::promise<void> waiting;
    w.post([&] { waiting.set_value(); result.set_value(w.waitUntil(Worker::Clock::now() + 1h)); });
    waiting.get_future().wait();
    std::this_thread::sleep_for(20ms);
    w.wake();
    auto f = result.get_future();
    REQUIRE(f.wait_for(5s) == std::future_status::ready);
    CHECK(f.get());
}
