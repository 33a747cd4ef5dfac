#pragma once
// CTest runs each TEST_CASE by name. A name doctest cannot match (a ';' splits it in
// CTest, a rename) would run nothing and pass; this listener makes such a run fail.
// Include once, in a test executable's main.cpp, and return noEmptyRuns(result).
#include <doctest/doctest.h>

#include <cstdio>

namespace livedetect::test {

inline bool g_ranNothing = false;

struct NoEmptyRuns : doctest::IReporter {
    explicit NoEmptyRuns(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& stats) override {
        g_ranNothing = stats.numTestCasesPassingFilters == 0;
    }
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("no_empty_runs", 1, NoEmptyRuns);

inline int noEmptyRuns(int result) {
    if (result == 0 && g_ranNothing) {
        std::fprintf(stderr, "no test case matched the filters: nothing ran\n");
        return 1;
    }
    return result;
}

}  // namespace livedetect::test
