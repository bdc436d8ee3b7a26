#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "kiosk/app/main_thread_queue.hpp"

using guichet::MainThreadQueue;

TEST_CASE("app.main-thread queue runs posted tasks in order on the caller and wakes it", "[app]") {
    MainThreadQueue q;
    std::atomic<int> wakeups{0};
    q.setWakeup([&] { ++wakeups; });
    std::vector<int> order;
    std::thread worker([&] {
        for (int i = 0; i < 100; ++i) q.post([&order, i] { order.push_back(i); });
    });
    worker.join();
    CHECK(wakeups == 100);
    CHECK(q.runPending() == 100);
    REQUIRE(order.size() == 100);
    for (int i = 0; i < 100; ++i) CHECK(order[i] == i);
    CHECK(q.runPending() == 0);
    CHECK(q.empty());
}
