// One check's outcome against one operation: the unit every report is built from.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lfkit::conformance {

// known: a failure the run's baseline expects (reported, does not fail the run).
enum class Verdict { pass, fail, skip, known };
std::string_view verdict_name(Verdict v);

struct Reproducer {
  std::string curl;
  std::string expected;      // e.g. "status in {200, 422}; body matches #/components/..."
  std::string actual;        // e.g. "500 {"message": ...}" (excerpt)
  std::string spec_pointer;  // JSON pointer into spec/openapi.yaml
};

struct CheckRecord {
  std::string operation_id;  // "" for checks not tied to an operation
  std::string suite;         // schema, stateful, auth, ...
  std::string check;         // e.g. status_documented
  Verdict verdict = Verdict::pass;
  std::string reason;  // why it failed or was skipped
  std::optional<Reproducer> reproducer;
  std::chrono::milliseconds duration{0};
};

// "Long text" -> "Long te… (1234 bytes)" for report excerpts.
std::string excerpt(std::string_view text, std::size_t max_chars = 300);

}  // namespace lfkit::conformance
