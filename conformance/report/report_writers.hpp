// Human table, JUnit XML and JSON renderings of a run.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "conformance/report/check_record.hpp"
#include "conformance/report/result_log.hpp"

namespace lfkit::conformance {

void write_operation_table(std::ostream& out, const RunSummary& summary);
// One <testsuite> per suite, one <testcase> per (operation, check) record.
void write_junit(std::ostream& out, const std::vector<CheckRecord>& records);
void write_json_report(std::ostream& out, const std::string& base_url,
                       const std::vector<CheckRecord>& records, const RunSummary& summary);
// The block printed for every failure.
std::string format_failure(const CheckRecord& record);

std::string xml_escape(std::string_view text);

}  // namespace lfkit::conformance
