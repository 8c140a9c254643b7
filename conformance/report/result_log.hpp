// Thread-safe collection of check records plus the per-operation roll-up
// printed at the end of a run.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/report/check_record.hpp"

namespace lfkit::conformance {

// The check families, one table column each (a record's family is its suite).
inline constexpr std::array<std::string_view, 8> kCheckFamilies = {
    "positive", "schema", "auth", "negative", "stateful", "execution", "streaming", "properties"};

struct OperationSummary {
  std::string operation_id;
  int passed = 0;
  int failed = 0;
  int known = 0;  // failures the baseline expects
  int skipped = 0;
  // Per family: fail if any failed, else known, else pass, else skip; a family
  // with no record is absent (not run for this operation).
  std::map<std::string, Verdict, std::less<>> families;
  // pass only when the positive check passed and nothing failed; fail on any
  // failure; known when the only failures are baselined; skip otherwise.
  Verdict verdict = Verdict::skip;
  std::string reason;  // first failure (else known failure, else skip) reason
};

struct RunSummary {
  std::vector<OperationSummary> operations;  // every spec operation, in spec order
  std::size_t total_operations = 0;
  std::size_t exercised_operations = 0;    // with at least one pass or fail
  std::size_t implemented_operations = 0;  // whose positive check passed
  std::size_t failed_operations = 0;       // with a failure the baseline does not expect
  std::size_t failed_checks = 0;
  std::size_t known_checks = 0;
  std::size_t passed_checks = 0;
  std::size_t skipped_checks = 0;
  double coverage() const {
    return total_operations == 0 ? 0.0
                                 : static_cast<double>(exercised_operations) / total_operations;
  }
  double implemented_coverage() const {
    return total_operations == 0 ? 0.0
                                 : static_cast<double>(implemented_operations) / total_operations;
  }
};

// all_operation_ids: the spec's operations; records for unknown ids are
// still counted in the check totals.
RunSummary summarize(const std::vector<CheckRecord>& records,
                     const std::vector<std::string>& all_operation_ids);

class ResultLog {
 public:
  void add(CheckRecord record);
  std::vector<CheckRecord> records() const;
  std::size_t size() const;
  RunSummary summarize(const std::vector<std::string>& all_operation_ids) const {
    return conformance::summarize(records(), all_operation_ids);
  }

 private:
  mutable std::mutex mutex_;
  std::vector<CheckRecord> records_;
};

}  // namespace lfkit::conformance
