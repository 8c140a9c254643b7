// Command line of lfkit-conformance (parsed without touching the network).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/expected.hpp"

namespace lfkit::conformance {

enum class CredentialMode { none, api_key, password, auto_login };

struct CliOptions {
  std::string base_url;
  CredentialMode credentials = CredentialMode::none;
  std::string api_key;
  std::string username;
  std::string password;
  std::vector<std::string> suites;  // empty = all
  std::string operations_pattern;   // as given on the command line ("" = all)
  // --operations split into globs: an operation is selected when it matches
  // one of `include` (or include is empty) and none of `exclude` ("!glob").
  std::vector<std::string> include_globs;
  std::vector<std::string> exclude_globs;
  std::string junit_path;
  std::string json_path;
  std::uint32_t seed = 0;  // 0 = time-based
  int timeout_ms = 15000;
  bool help = false;
  bool version = false;
  // A 501 (or a route-level 404/405) to a valid request is a skip instead of
  // a failure ("not implemented" accepted).
  bool allow_unimplemented = false;
  std::string baseline_path;            // expected failures (see baseline.hpp)
  std::string write_baseline_path;      // write this run's failures as a baseline
  bool strict_baseline = false;         // baseline entries that now pass fail the run
  std::vector<std::string> gtest_args;  // anything after "--" goes to GoogleTest
};

// `environment` looks up variables (LFKIT_CONFORMANCE_API_KEY, LANGFLOW_API_KEY
// supply the API key when no credentials flag is given); nullptr = none.
using EnvLookup = const char* (*)(const char*);
Expected<CliOptions, std::string> parse_cli(const std::vector<std::string>& args,
                                            EnvLookup environment = nullptr);
std::string cli_help_text();
// Glob with '*' and '?', used for --operations.
bool glob_match(std::string_view pattern, std::string_view text);
// Whether --operations selects this operationId.
bool operation_selected(const CliOptions& options, std::string_view operation_id);
// Splits an --operations value: comma/whitespace separated globs, "!glob"
// excludes, "@FILE" reads more of the same from FILE.
Expected<void, std::string> add_operation_patterns(CliOptions& options, std::string_view value);

}  // namespace lfkit::conformance
