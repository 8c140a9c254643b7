#include "conformance/report/result_log.hpp"

#include <map>

namespace lfkit::conformance {

void ResultLog::add(CheckRecord record) {
  std::lock_guard lock(mutex_);
  records_.push_back(std::move(record));
}

std::vector<CheckRecord> ResultLog::records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

RunSummary ResultLog::summarize(const std::vector<std::string>& all_operation_ids) const {
  RunSummary summary;
  std::map<std::string, std::size_t> index;
  for (const auto& id : all_operation_ids) {
    if (index.emplace(id, summary.operations.size()).second) {
      summary.operations.push_back({id, 0, 0, 0, Verdict::skip, "not exercised"});
    }
  }
  for (const auto& r : records()) {
    switch (r.verdict) {
      case Verdict::pass:
        ++summary.passed_checks;
        break;
      case Verdict::fail:
        ++summary.failed_checks;
        break;
      case Verdict::skip:
        ++summary.skipped_checks;
        break;
    }
    auto it = index.find(r.operation_id);
    if (it == index.end()) continue;
    auto& op = summary.operations[it->second];
    const bool first_record = op.passed + op.failed + op.skipped == 0;
    if (first_record) op.reason.clear();
    if (r.verdict == Verdict::pass) ++op.passed;
    if (r.verdict == Verdict::skip) ++op.skipped;
    if (r.verdict == Verdict::fail) {
      if (op.failed == 0) op.reason = r.suite + "/" + r.check + ": " + r.reason;
      ++op.failed;
    }
    if (r.verdict == Verdict::skip && op.reason.empty()) op.reason = r.reason;
  }
  summary.total_operations = summary.operations.size();
  for (auto& op : summary.operations) {
    op.verdict = op.failed > 0 ? Verdict::fail : op.passed > 0 ? Verdict::pass : Verdict::skip;
    if (op.verdict == Verdict::pass) op.reason.clear();
    if (op.verdict != Verdict::skip) ++summary.exercised_operations;
  }
  return summary;
}

}  // namespace lfkit::conformance
