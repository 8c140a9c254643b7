#include "conformance/runner/progress_printer.hpp"

#include <cstdio>
#include <iostream>

#include "conformance/runner/suite_context.hpp"

namespace lfkit::conformance {

void ProgressPrinter::OnTestProgramStart(const ::testing::UnitTest& unit) {
  total_ = unit.test_to_run_count();
  std::printf("lfkit-conformance: %d check groups to run\n", total_);
  std::fflush(stdout);
}

void ProgressPrinter::OnTestStart(const ::testing::TestInfo&) {
  ++index_;
  records_before_ = suite_context().results().size();
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
  // A group that only recorded skips (or known failures) says so, not "ok".
  const auto records = suite_context().results().records();
  bool any_pass = false, any_known = false, any_skip = false;
  for (std::size_t i = records_before_; i < records.size(); ++i) {
    any_pass |= records[i].verdict == Verdict::pass;
    any_known |= records[i].verdict == Verdict::known;
    any_skip |= records[i].verdict == Verdict::skip;
  }
  const char* verdict = r->Failed()                               ? "FAIL"
                        : any_known                               ? "known"
                        : r->Skipped() || (any_skip && !any_pass) ? "skip"
                                                                  : "ok";
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
