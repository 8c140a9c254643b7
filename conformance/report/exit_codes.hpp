#pragma once

namespace lfkit::conformance {

// Distinct codes so CI can tell "the target is wrong" from "we could not test it".
enum class ExitCode : int {
  all_passed = 0,
  failures_found = 1,
  target_unreachable = 2,
  credentials_rejected = 3,
  usage_error = 64,
};

}  // namespace lfkit::conformance
