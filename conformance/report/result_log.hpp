// Thread-safe collection of check records plus the per-operation roll-up
// printed at the end of a run.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "conformance/report/check_record.hpp"

namespace lfkit::conformance {

struct OperationSummary {
  std::string operation_id;
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  Verdict verdict = Verdict::skip;  // fail if any failed, else pass if any passed
  std::string reason;               // first failure (or skip) reason
};

struct RunSummary {
  std::vector<OperationSummary> operations;  // every spec operation, in spec order
  std::size_t total_operations = 0;
  std::size_t exercised_operations = 0;  // with at least one pass or fail
  std::size_t failed_checks = 0;
  std::size_t passed_checks = 0;
  std::size_t skipped_checks = 0;
  double coverage() const {
    return total_operations == 0 ? 0.0
                                 : static_cast<double>(exercised_operations) / total_operations;
  }
};

class ResultLog {
 public:
  void add(CheckRecord record);
  std::vector<CheckRecord> records() const;
  // all_operation_ids: the spec's operations; records for unknown ids are
  // still counted in the check totals.
  RunSummary summarize(const std::vector<std::string>& all_operation_ids) const;

 private:
  mutable std::mutex mutex_;
  std::vector<CheckRecord> records_;
};

}  // namespace lfkit::conformance
