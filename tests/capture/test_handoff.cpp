// Stress tests of the hand-off points between threads: the latest-value mailbox and the
// bounded review queue. Values cross threads while producers write; what a consumer
// sees must only move forward, and nothing may be lost or duplicated where that is
// the contract.
#include "livedetect/capture/capture_control.hpp"
#include "livedetect/capture/latest_value.hpp"
#include "livedetect/capture/review_queue.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace livedetect;
using namespace std::chrono_literals;

TEST_CASE("LatestValue: the consumer sees only newer values, taken + overwritten = produced") {
    LatestValue<int> box;
    constexpr int kCount = 200000;
    std::atomic<int> overwritten{0};
    std::jthread producer([&] {
        for (int i = 1; i <= kCount; ++i)
            if (box.put(i)) ++overwritten;
        box.close();
    });
    int last = 0, taken = 0;
    bool ordered = true;
    std::stop_source never;
    while (auto v = box.take(never.get_token())) {
        ordered = ordered && *v > last;
        last = *v;
        ++taken;
    }
    producer.join();
    if (auto rest = box.tryTake()) {  // a value put just before close()
        ordered = ordered && *rest > last;
        last = *rest;
        ++taken;
    }
    CHECK(ordered);
    CHECK(last == kCount);
    CHECK(taken + overwritten.load() == kCount);
}

TEST_CASE("LatestValue: take returns on stop request, without a value") {
    LatestValue<int> box;
    std::stop_source stop;
    std::optional<int> got = 1;
    std::jthread waiter([&] { got = box.take(stop.get_token()); });
    std::this_thread::sleep_for(20ms);
    stop.request_stop();
    waiter.join();
    CHECK_FALSE(got.has_value());
}

TEST_CASE("ReviewQueue: every item once, in order, never more than capacity, several consumers") {
    ReviewQueue<int> queue(3);
    constexpr int kCount = 20000;
    std::stop_source stop;
    std::atomic<int> maxSeen{0};
    std::vector<std::vector<int>> got(3);
    std::vector<std::jthread> consumers;
    for (int c = 0; c < 3; ++c)
        consumers.emplace_back([&, c] {
            while (auto v = queue.pop(stop.get_token())) {
                got[static_cast<std::size_t>(c)].push_back(*v);
                int size = static_cast<int>(queue.size());
                int prev = maxSeen.load();
                while (size > prev && !maxSeen.compare_exchange_weak(prev, size)) {
                }
            }
        });
    for (int i = 0; i < kCount; ++i) {
        int value = i;
        REQUIRE(queue.push(value, stop.get_token(), queue.interruptToken()) == ReviewQueue<int>::PushResult::Pushed);
    }
    while (queue.size() > 0) std::this_thread::sleep_for(1ms);
    stop.request_stop();
    consumers.clear();
    std::vector<int> all;
    for (const auto& g : got) {
        CHECK(std::is_sorted(g.begin(), g.end()));  // each consumer sees queue order
        all.insert(all.end(), g.begin(), g.end());
    }
    std::sort(all.begin(), all.end());
    REQUIRE(all.size() == static_cast<std::size_t>(kCount));
    for (int i = 0; i < kCount; ++i) CHECK(all[static_cast<std::size_t>(i)] == i);
    CHECK(maxSeen.load() <= 3);
}

TEST_CASE("ReviewQueue: a full queue blocks the producer until interrupt() or stop") {
    ReviewQueue<int> queue(1);
    std::stop_source stop;
    int a = 1, b = 2, c = 3;
    REQUIRE(queue.push(a, stop.get_token(), 0) == ReviewQueue<int>::PushResult::Pushed);
    std::atomic<int> result{-1};
    const auto token = queue.interruptToken();
    std::jthread producer([&] { result = static_cast<int>(queue.push(b, stop.get_token(), token)); });
    std::this_thread::sleep_for(30ms);
    CHECK(result.load() == -1);  // still blocked: back-pressure
    queue.interrupt();
    producer.join();
    CHECK(result.load() == static_cast<int>(ReviewQueue<int>::PushResult::Interrupted));
    CHECK(b == 2);  // not consumed by a failed push
    // An interrupt made before push() starts is not missed when the token is older.
    queue.interrupt();
    CHECK(queue.push(c, stop.get_token(), token) == ReviewQueue<int>::PushResult::Interrupted);
    std::jthread stopped([&] { result = static_cast<int>(queue.push(b, stop.get_token(), queue.interruptToken())); });
    std::this_thread::sleep_for(20ms);
    stop.request_stop();
    stopped.join();
    CHECK(result.load() == static_cast<int>(ReviewQueue<int>::PushResult::Stopped));
    CHECK(queue.clear() == 1);
}

TEST_CASE("CaptureControl: while paused, steps allow exactly that many frames in flight") {
    CaptureControl control;
    control.beginEpoch(1, 0);
    CHECK(control.mayRead());
    CHECK(control.mayPop());
    control.setPaused(true);
    CHECK_FALSE(control.mayRead());
    CHECK_FALSE(control.mayPop());
    control.step();  // one credit: one frame may be read and one result taken
    CHECK(control.mayRead());
    control.onPushed();
    CHECK_FALSE(control.mayRead());
    CHECK(control.mayPop());
    Frame f;
    f.epoch = 1;
    f.index = 0;
    control.onPopped(f);
    CHECK_FALSE(control.mayPop());
    CHECK(control.resumeIndex() == 1);
    // Pausing with frames already in flight: steps take those first, without reading.
    control.setPaused(false);
    control.onPushed();
    control.onPushed();  // two in flight
    control.step();
    CHECK_FALSE(control.mayRead());
    CHECK(control.mayPop());
    // A seek while paused delivers the frame sought to.
    control.beginEpoch(2, 40);
    CHECK(control.mayRead());
    CHECK(control.resumeIndex() == 40);
    // A result of the old epoch does not spend the new epoch's credit.
    f.epoch = 1;
    control.onPopped(f);
    CHECK(control.mayPop());
}

TEST_CASE("CaptureControl: wait() wakes on a command and on stop") {
    CaptureControl control;
    std::stop_source stop;
    std::jthread waiter([&] { control.waitForCommand(stop.get_token(), Clock::now() + std::chrono::seconds(10)); });
    const auto start = Clock::now();
    std::this_thread::sleep_for(10ms);
    control.requestSeek(5);
    waiter.join();
    CHECK(Clock::now() - start < std::chrono::seconds(2));
    CHECK(control.takeSeek() == std::optional<std::int64_t>(5));
    std::jthread stopped([&] { control.waitForCommand(stop.get_token(), Clock::now() + std::chrono::seconds(10)); });
    std::this_thread::sleep_for(10ms);
    stop.request_stop();
    stopped.join();
    CHECK(Clock::now() - start < std::chrono::seconds(4));
}
