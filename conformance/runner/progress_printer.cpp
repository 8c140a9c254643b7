#include "conformance/runner/progress_printer.hpp"

#include <cstdio>
#include <iostream>

namespace lfkit::conformance {

void ProgressPrinter::OnTestProgramStart(const ::testing::UnitTest& unit) {
  total_ = unit.test_to_run_count();
  std::printf("lfkit-conformance: %d check groups to run\n", total_);
  std::fflush(stdout);
}

void ProgressPrinter::OnTestStart(const ::testing::TestInfo&) {
  ++index_;
}

void ProgressPrinter::OnTestPartResult(const ::testing::TestPartResult& result) {
  if (result.failed()) {
    std::printf("%s\n", result.message());
  } else if (result.skipped() && result.message() && *result.message()) {
    std::printf("  skip: %s\n", result.message());
  }
  std::fflush(stdout);
}

void ProgressPrinter::OnTestEnd(const ::testing::TestInfo& test) {
  const auto* r = test.result();
  const char* verdict = r->Failed() ? "FAIL" : r->Skipped() ? "skip" : "ok";
  std::printf("[%4d/%d] %s/%s ... %s %lld ms\n", index_, total_, test.test_suite_name(),
              test.name(), verdict, static_cast<long long>(r->elapsed_time()));
  std::fflush(stdout);
}

void install_progress_printer() {
  auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
  delete listeners.Release(listeners.default_result_printer());
  listeners.Append(new ProgressPrinter);
}

}  // namespace lfkit::conformance
