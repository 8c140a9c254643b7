#include "conformance/report/baseline.hpp"

#include <fstream>
#include <istream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

namespace lfkit::conformance {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::string key_of(const std::string& operation_id, const std::string& check) {
  return operation_id + " " + check;
}

}  // namespace

Expected<std::vector<BaselineEntry>, std::string> parse_baseline(std::istream& in) {
  std::vector<BaselineEntry> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto text = trim(line);
    if (text.empty() || text.starts_with("#")) continue;
    const auto hash = text.find('#');
    std::istringstream fields(text.substr(0, hash));
    BaselineEntry entry;
    std::string extra;
    fields >> entry.operation_id >> entry.check >> extra;
    if (entry.check.empty() || !extra.empty() || entry.check.find('/') == std::string::npos) {
      return unexpected("line " + std::to_string(number) +
                        ": expected '<operationId> <suite>/<check>  # reason'");
    }
    if (hash == std::string::npos || trim(text.substr(hash + 1)).empty()) {
      return unexpected("line " + std::to_string(number) + ": every entry needs a '# reason'");
    }
    entry.reason = trim(text.substr(hash + 1));
    out.push_back(std::move(entry));
  }
  return out;
}

Expected<std::vector<BaselineEntry>, std::string> read_baseline(const std::string& path) {
  std::ifstream in(path);
  if (!in) return unexpected("cannot read baseline " + path);
  auto parsed = parse_baseline(in);
  if (!parsed) return unexpected(path + ": " + parsed.error());
  return parsed;
}

BaselineOutcome apply_baseline(std::vector<CheckRecord>& records,
                               const std::vector<BaselineEntry>& baseline) {
  std::map<std::string, const BaselineEntry*> listed;
  for (const auto& e : baseline) listed.emplace(key_of(e.operation_id, e.check), &e);
  BaselineOutcome outcome;
  std::set<std::string> failed, passed;
  for (auto& r : records) {
    const auto key = key_of(r.operation_id, r.suite + "/" + r.check);
    if (r.verdict == Verdict::pass) passed.insert(key);
    if (r.verdict == Verdict::known) failed.insert(key);  // marked while the run recorded it
    if (r.verdict != Verdict::fail) continue;
    failed.insert(key);
    if (listed.count(key)) {
      r.verdict = Verdict::known;
      ++outcome.known;
    }
  }
  for (const auto& e : baseline) {
    const auto key = key_of(e.operation_id, e.check);
    if (passed.count(key) && !failed.count(key)) outcome.no_longer_failing.push_back(e);
  }
  return outcome;
}

void write_baseline(std::ostream& out, const std::vector<CheckRecord>& records) {
  out << "# lfkit-conformance baseline: <operationId> <suite>/<check>  # reason\n";
  std::set<std::string> written;
  for (const auto& r : records) {
    if (r.verdict != Verdict::fail && r.verdict != Verdict::known) continue;
    const auto key = key_of(r.operation_id, r.suite + "/" + r.check);
    if (r.operation_id.empty() || !written.insert(key).second) continue;
    std::string reason = r.reason.empty() ? "failing" : r.reason;
    for (char& c : reason) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    out << key << "  # " << reason << "\n";
  }
}

}  // namespace lfkit::conformance
