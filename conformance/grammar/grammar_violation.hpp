#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lfkit::conformance {

struct GrammarViolation {
  std::size_t event_index;  // index of the offending event; events.size() for end-of-stream
  std::string rule;         // short stable name, e.g. "token-unannounced"
  std::string message;
};

std::string describe(const std::vector<GrammarViolation>& violations);

}  // namespace lfkit::conformance
