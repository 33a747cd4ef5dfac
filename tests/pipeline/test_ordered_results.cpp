#include "livedetect/pipeline/ordered_results.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

using namespace livedetect;
using namespace std::chrono_literals;

namespace {
std::shared_ptr<const FrameResult> result(std::uint64_t epoch, std::uint64_t sequence) {
    auto r = std::make_shared<FrameResult>();
    r->frame.epoch = epoch;
    r->frame.sequence = sequence;
    r->frame.index = static_cast<std::int64_t>(sequence);
    return r;
}
}  // namespace

TEST_CASE("OrderedResults: out-of-order pushes from several workers come out in order, each once") {
    OrderedResults results(4);
    results.beginEpoch(1);
    constexpr std::uint64_t kCount = 3000;
    std::atomic<std::uint64_t> next{0};
    std::stop_source stop;
    std::vector<std::jthread> workers;
    for (int w = 0; w < 3; ++w)
        workers.emplace_back([&, w] {
            std::mt19937 rng(static_cast<unsigned>(w));
            for (std::uint64_t s = next++; s < kCount; s = next++) {
                if (rng() % 4 == 0) std::this_thread::yield();  // finish in a shuffled order
                CHECK(results.push(result(1, s), stop.get_token()));
            }
        });
    results.markEnd(1, kCount);
    std::uint64_t expected = 0;
    std::size_t maxHeld = 0;
    while (!results.finished()) {
        const auto seen = results.changes();
        maxHeld = std::max(maxHeld, results.size());
        if (auto r = results.tryPop()) {
            CHECK(r->frame.sequence == expected);
            ++expected;
        } else {
            results.waitForChange(seen, Clock::now() + 1s);
        }
    }
    workers.clear();
    CHECK(expected == kCount);
    CHECK(maxHeld <= 3 * 4 + 3);  // bounded (ready may take a full pending at once), not growing with the run
}

TEST_CASE("OrderedResults: the expected result waits for room, results ahead of it do not") {
    OrderedResults results(1);
    results.beginEpoch(7);
    std::stop_source stop;
    CHECK(results.push(result(7, 0), stop.get_token()));
    CHECK(results.push(result(7, 2), stop.get_token()));  // ahead: pending, no wait
    std::atomic<bool> pushed{false};
    std::jthread worker([&] { pushed = results.push(result(7, 1), stop.get_token()); });
    std::this_thread::sleep_for(30ms);
    CHECK_FALSE(pushed.load());  // ready is full
    CHECK(results.tryPop()->frame.sequence == 0);
    worker.join();
    CHECK(pushed.load());
    CHECK(results.tryPop()->frame.sequence == 1);
    CHECK(results.tryPop()->frame.sequence == 2);
    CHECK(results.tryPop() == nullptr);
}

TEST_CASE("OrderedResults: a new epoch drops what was held and late results of the old one") {
    OrderedResults results(2);
    results.beginEpoch(1);
    std::stop_source stop;
    CHECK(results.push(result(1, 0), stop.get_token()));
    CHECK(results.push(result(1, 1), stop.get_token()));
    std::atomic<bool> blocked{true};
    std::jthread worker([&] { blocked = results.push(result(1, 2), stop.get_token()); });
    std::this_thread::sleep_for(20ms);
    CHECK(results.beginEpoch(2) == 2);
    worker.join();
    CHECK_FALSE(blocked.load());  // woken by the new epoch and dropped
    CHECK_FALSE(results.push(result(1, 3), stop.get_token()));
    CHECK(results.push(result(2, 0), stop.get_token()));
    CHECK(results.tryPop()->frame.epoch == 2);
    CHECK_FALSE(results.finished());
    results.markEnd(2, 1);
    CHECK(results.finished());
    results.markEnd(1, 0);  // an old epoch's end changes nothing
    CHECK(results.finished());
}
