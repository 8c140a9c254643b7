#include "conformance/report/report_writers.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

namespace lfkit::conformance {

std::string xml_escape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 forbids most control characters even when escaped.
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += '?';
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

void write_operation_table(std::ostream& out, const RunSummary& summary) {
  std::size_t width = 9;
  for (const auto& op : summary.operations) width = std::max(width, op.operation_id.size());
  auto pad = [](std::string s, std::size_t w) {
    s.resize(std::max(s.size(), w), ' ');
    return s;
  };
  // One column per check family: pass, FAIL, known, skip, or '-' (not run).
  out << pad("operation", width) << "  result";
  for (auto family : kCheckFamilies) out << "  " << pad(std::string(family.substr(0, 5)), 5);
  out << "  why\n";
  out << std::string(width + 8 + 7 * kCheckFamilies.size() + 5, '-') << "\n";
  for (const auto& op : summary.operations) {
    std::string verdict(verdict_name(op.verdict));
    if (op.verdict == Verdict::fail) verdict = "FAIL";
    out << pad(op.operation_id, width) << "  " << pad(verdict, 6);
    for (auto family : kCheckFamilies) {
      const auto it = op.families.find(family);
      std::string cell = it == op.families.end() ? "-" : std::string(verdict_name(it->second));
      if (cell == "fail") cell = "FAIL";
      out << "  " << pad(cell, 5);
    }
    out << "  " << excerpt(op.reason, 120) << "\n";
  }
  char line[256];
  std::snprintf(line, sizeof line,
                "implemented coverage: %zu of %zu spec operations (%.1f%%) passed their positive "
                "check\n",
                summary.implemented_operations, summary.total_operations,
                summary.implemented_coverage() * 100.0);
  out << line;
  std::snprintf(line, sizeof line,
                "operations exercised: %zu of %zu (%.1f%%), %zu failing; checks: %zu passed, %zu "
                "failed, %zu known (baseline), %zu skipped\n",
                summary.exercised_operations, summary.total_operations, summary.coverage() * 100.0,
                summary.failed_operations, summary.passed_checks, summary.failed_checks,
                summary.known_checks, summary.skipped_checks);
  out << line;
}

std::string format_failure(const CheckRecord& r) {
  std::string out = "FAIL " + r.suite + "/" + r.check;
  if (!r.operation_id.empty()) out += " [" + r.operation_id + "]";
  out += ": " + r.reason + "\n";
  if (r.reproducer) {
    const auto& rep = *r.reproducer;
    if (!rep.curl.empty()) out += "  reproduce: " + rep.curl + "\n";
    if (!rep.expected.empty()) out += "  expected:  " + rep.expected + "\n";
    if (!rep.actual.empty()) out += "  actual:    " + rep.actual + "\n";
    if (!rep.spec_pointer.empty())
      out += "  spec:      spec/openapi.yaml#" + rep.spec_pointer + "\n";
  }
  return out;
}

void write_junit(std::ostream& out, const std::vector<CheckRecord>& records) {
  std::map<std::string, std::vector<const CheckRecord*>> by_suite;
  for (const auto& r : records) by_suite[r.suite].push_back(&r);
  std::size_t failures = 0;
  for (const auto& r : records) failures += r.verdict == Verdict::fail;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"lfkit-conformance\" tests=\"" << records.size() << "\" failures=\""
      << failures << "\">\n";
  for (const auto& [suite, items] : by_suite) {
    std::size_t suite_failures = 0, skipped = 0;
    for (const auto* r : items) {
      suite_failures += r->verdict == Verdict::fail;
      skipped += r->verdict == Verdict::skip || r->verdict == Verdict::known;
    }
    out << "  <testsuite name=\"" << xml_escape(suite) << "\" tests=\"" << items.size()
        << "\" failures=\"" << suite_failures << "\" skipped=\"" << skipped << "\">\n";
    for (const auto* r : items) {
      const std::string name =
          r->operation_id.empty() ? r->check : r->operation_id + "." + r->check;
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.3f",
                    static_cast<double>(r->duration.count()) / 1000);
      out << "    <testcase classname=\"" << xml_escape(suite) << "\" name=\"" << xml_escape(name)
          << "\" time=\"" << seconds << "\"";
      if (r->verdict == Verdict::pass) {
        out << "/>\n";
        continue;
      }
      out << ">\n";
      if (r->verdict == Verdict::skip) {
        out << "      <skipped message=\"" << xml_escape(r->reason) << "\"/>\n";
      } else if (r->verdict == Verdict::known) {
        out << "      <skipped message=\"known failure (baseline): " << xml_escape(r->reason)
            << "\"/>\n";
      } else {
        out << "      <failure message=\"" << xml_escape(r->reason) << "\">"
            << xml_escape(format_failure(*r)) << "</failure>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

void write_json_report(std::ostream& out, const std::string& base_url,
                       const std::vector<CheckRecord>& records, const RunSummary& summary) {
  nlohmann::json doc;
  doc["base_url"] = base_url;
  doc["summary"] = {{"operations_total", summary.total_operations},
                    {"operations_exercised", summary.exercised_operations},
                    {"operations_implemented", summary.implemented_operations},
                    {"operations_failing", summary.failed_operations},
                    {"implemented_coverage", summary.implemented_coverage()},
                    {"checks_known", summary.known_checks},
                    {"coverage", summary.coverage()},
                    {"checks_passed", summary.passed_checks},
                    {"checks_failed", summary.failed_checks},
                    {"checks_skipped", summary.skipped_checks}};
  auto& ops = doc["operations"] = nlohmann::json::array();
  for (const auto& op : summary.operations) {
    nlohmann::json families = nlohmann::json::object();
    for (const auto& [family, verdict] : op.families) families[family] = verdict_name(verdict);
    ops.push_back({{"operation_id", op.operation_id},
                   {"result", verdict_name(op.verdict)},
                   {"passed", op.passed},
                   {"failed", op.failed},
                   {"skipped", op.skipped},
                   {"known", op.known},
                   {"families", families},
                   {"reason", op.reason}});
  }
  auto& checks = doc["checks"] = nlohmann::json::array();
  for (const auto& r : records) {
    nlohmann::json item = {{"operation_id", r.operation_id},
                           {"suite", r.suite},
                           {"check", r.check},
                           {"result", verdict_name(r.verdict)},
                           {"reason", r.reason},
                           {"duration_ms", r.duration.count()}};
    if (r.reproducer) {
      item["reproducer"] = {{"curl", r.reproducer->curl},
                            {"expected", r.reproducer->expected},
                            {"actual", r.reproducer->actual},
                            {"spec_pointer", r.reproducer->spec_pointer}};
    }
    checks.push_back(std::move(item));
  }
  // Replace invalid UTF-8 from response excerpts rather than throwing.
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace lfkit::conformance
