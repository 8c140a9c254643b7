#include "conformance/report/result_log.hpp"

namespace lfkit::conformance {
namespace {

// fail > known > pass > skip: the worst outcome speaks for the family.
int severity(Verdict v) {
  switch (v) {
    case Verdict::fail:
      return 3;
    case Verdict::known:
      return 2;
    case Verdict::pass:
      return 1;
    case Verdict::skip:
      return 0;
  }
  return 0;
}

}  // namespace

void ResultLog::add(CheckRecord record) {
  std::lock_guard lock(mutex_);
  records_.push_back(std::move(record));
}

std::vector<CheckRecord> ResultLog::records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

std::size_t ResultLog::size() const {
  std::lock_guard lock(mutex_);
  return records_.size();
}

RunSummary summarize(const std::vector<CheckRecord>& records,
                     const std::vector<std::string>& all_operation_ids) {
  RunSummary summary;
  std::map<std::string, std::size_t> index;
  for (const auto& id : all_operation_ids) {
    if (index.emplace(id, summary.operations.size()).second) {
      OperationSummary row;
      row.operation_id = id;
      row.reason = "not exercised";
      summary.operations.push_back(std::move(row));
    }
  }
  std::vector<std::string> known_reason(summary.operations.size());
  for (const auto& r : records) {
    switch (r.verdict) {
      case Verdict::pass:
        ++summary.passed_checks;
        break;
      case Verdict::fail:
        ++summary.failed_checks;
        break;
      case Verdict::known:
        ++summary.known_checks;
        break;
      case Verdict::skip:
        ++summary.skipped_checks;
        break;
    }
    auto it = index.find(r.operation_id);
    if (it == index.end()) continue;
    auto& op = summary.operations[it->second];
    const bool first_record = op.passed + op.failed + op.known + op.skipped == 0;
    if (first_record) op.reason.clear();
    auto [family, added] = op.families.emplace(r.suite, r.verdict);
    if (!added && severity(r.verdict) > severity(family->second)) family->second = r.verdict;
    const std::string why = r.suite + "/" + r.check + ": " + r.reason;
    switch (r.verdict) {
      case Verdict::pass:
        ++op.passed;
        break;
      case Verdict::skip:
        ++op.skipped;
        if (op.reason.empty()) op.reason = r.reason;
        break;
      case Verdict::known:
        if (op.known == 0) known_reason[it->second] = "known: " + why;
        ++op.known;
        break;
      case Verdict::fail:
        if (op.failed == 0) op.reason = why;
        ++op.failed;
        break;
    }
  }
  summary.total_operations = summary.operations.size();
  for (std::size_t i = 0; i < summary.operations.size(); ++i) {
    auto& op = summary.operations[i];
    const auto positive = op.families.find("positive");
    const bool positive_passed = positive != op.families.end() && positive->second == Verdict::pass;
    if (positive_passed) ++summary.implemented_operations;
    if (op.failed > 0) {
      op.verdict = Verdict::fail;
      ++summary.failed_operations;
    } else if (op.known > 0) {
      op.verdict = Verdict::known;
      op.reason = known_reason[i];
    } else if (positive_passed) {
      op.verdict = Verdict::pass;
      op.reason.clear();
    } else {
      op.verdict = Verdict::skip;
      if (op.passed > 0 && op.reason.empty()) op.reason = "no positive check ran";
    }
    if (op.passed + op.failed + op.known > 0) ++summary.exercised_operations;
  }
  return summary;
}

}  // namespace lfkit::conformance
