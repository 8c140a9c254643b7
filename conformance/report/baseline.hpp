// Expected failures (--baseline FILE), as Schemathesis and the MCP
// conformance suite keep them: one line per failure that a team knows about,
//   <operationId> <suite>/<check>  # reason
// Listed failures are reported as known and do not fail the run; listed
// entries whose check now passes are reported so they get removed.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "common/expected.hpp"
#include "conformance/report/check_record.hpp"

namespace lfkit::conformance {

struct BaselineEntry {
  std::string operation_id;
  std::string check;  // "<suite>/<check>"
  std::string reason;
};

// Blank lines and lines starting with '#' are ignored; a line without a
// "# reason" or without both fields is an error naming the line.
Expected<std::vector<BaselineEntry>, std::string> parse_baseline(std::istream& in);
Expected<std::vector<BaselineEntry>, std::string> read_baseline(const std::string& path);

struct BaselineOutcome {
  std::size_t known = 0;                         // failure records turned into known
  std::vector<BaselineEntry> no_longer_failing;  // the check ran and passed
};

// Marks every failing record the baseline lists as Verdict::known; an entry
// no longer fails when its check recorded a pass and no failure.
BaselineOutcome apply_baseline(std::vector<CheckRecord>& records,
                               const std::vector<BaselineEntry>& baseline);

// This run's failures (known ones included) in the baseline format, one line
// per distinct (operation, suite/check), the first reason as the comment.
void write_baseline(std::ostream& out, const std::vector<CheckRecord>& records);

}  // namespace lfkit::conformance
