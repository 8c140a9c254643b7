#include "conformance/grammar/grammar_violation.hpp"

namespace lfkit::conformance {

std::string describe(const std::vector<GrammarViolation>& violations) {
  std::string out;
  for (const auto& v : violations) {
    if (!out.empty()) out += "; ";
    out += "event #" + std::to_string(v.event_index) + " [" + v.rule + "] " + v.message;
  }
  return out;
}

}  // namespace lfkit::conformance
