// A compact GoogleTest listener for lfkit-conformance: one progress line per
// check group ("[ 12/340] schema/create_flow ... ok 3 ms") and every failure
// message (the reproducer block) in full, instead of gtest's verbose output.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>

namespace lfkit::conformance {

class ProgressPrinter : public ::testing::EmptyTestEventListener {
 public:
  void OnTestProgramStart(const ::testing::UnitTest& unit) override;
  void OnTestStart(const ::testing::TestInfo& test) override;
  void OnTestPartResult(const ::testing::TestPartResult& result) override;
  void OnTestEnd(const ::testing::TestInfo& test) override;

 private:
  int total_ = 0;
  int index_ = 0;
  std::size_t records_before_ = 0;  // the result log's size when the group started
};

// Replaces gtest's default printer with ProgressPrinter.
void install_progress_printer();

}  // namespace lfkit::conformance
