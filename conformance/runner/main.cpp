// lfkit-conformance: checks a base URL against spec/openapi.yaml, operation
// by operation. Suites are GoogleTest tests registered at startup.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "conformance/report/baseline.hpp"
#include "conformance/report/report_writers.hpp"
#include "conformance/runner/progress_printer.hpp"
#include "conformance/runner/suite_context.hpp"

namespace lfkit::conformance {
namespace {

bool suite_wanted(const CliOptions& options, std::string_view suite) {
  return options.suites.empty() ||
         std::find(options.suites.begin(), options.suites.end(), suite) != options.suites.end();
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto options = parse_cli(
      args, +[](const char* name) -> const char* { return std::getenv(name); });
  if (!options) {
    std::cerr << "lfkit-conformance: " << options.error() << "\n";
    return static_cast<int>(ExitCode::usage_error);
  }
  if (options->help) {
    std::cout << cli_help_text();
    return 0;
  }
  if (options->version) {
    std::cout << "lfkit-conformance " << LFKIT_VERSION << "\n";
    return 0;
  }
  std::size_t selected = 0;
  for (const auto& op : api::all_operations()) {
    if (op.alias_of.empty() && operation_selected(*options, op.operation_id)) ++selected;
  }
  if (selected == 0) {
    std::cerr << "lfkit-conformance: --operations '" << options->operations_pattern
              << "' selects no operation of the spec\n";
    return static_cast<int>(ExitCode::usage_error);
  }
  std::vector<BaselineEntry> baseline;
  if (!options->baseline_path.empty()) {
    auto read = read_baseline(options->baseline_path);
    if (!read) {
      std::cerr << "lfkit-conformance: " << read.error() << "\n";
      return static_cast<int>(ExitCode::usage_error);
    }
    baseline = std::move(*read);
  }
  // RapidCheck reads its configuration from RC_PARAMS on first use; a run
  // keeps properties to 25 cases unless RC_PARAMS says otherwise.
  std::string rc_params = std::getenv("RC_PARAMS") ? std::getenv("RC_PARAMS") : "max_success=25";
  if (options->seed != 0) rc_params += " seed=" + std::to_string(options->seed);
  setenv("RC_PARAMS", rc_params.c_str(), 1);
  SuiteContext context(*options);
  context.set_baseline(baseline);
  if (auto stop = context.connect_and_authenticate()) return static_cast<int>(*stop);
  set_suite_context(&context);
  if (options->credentials == CredentialMode::none) {
    std::cout << "no credentials: secured operations cannot be judged and cannot pass; give "
                 "--api-key (or LFKIT_CONFORMANCE_API_KEY), --username/--password or "
                 "--auto-login\n";
  }

  if (suite_wanted(*options, "schema") || suite_wanted(*options, "positive"))
    register_schema_suite(context);
  if (suite_wanted(*options, "auth")) register_auth_suite(context);
  if (suite_wanted(*options, "negative")) register_negative_suite(context);
  if (suite_wanted(*options, "stateful")) register_stateful_suite(context);
  if (suite_wanted(*options, "execution")) register_execution_suite(context);
  if (suite_wanted(*options, "streaming")) register_streaming_suite(context);
  if (suite_wanted(*options, "properties")) register_properties_suite(context);

  std::vector<std::string> gtest_args = {argv[0]};
  for (const auto& a : options->gtest_args) gtest_args.push_back(a);
  std::vector<char*> gtest_argv;
  for (auto& a : gtest_args) gtest_argv.push_back(a.data());
  int gtest_argc = static_cast<int>(gtest_argv.size());
  ::testing::InitGoogleTest(&gtest_argc, gtest_argv.data());
  install_progress_printer();
  const auto started = std::chrono::steady_clock::now();
  const int gtest_result = RUN_ALL_TESTS();
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  context.cleanup();

  // Every spec operation gets a row, so the share exercised is of the whole spec.
  std::vector<std::string> operation_ids;
  for (const auto& op : api::all_operations()) {
    if (op.alias_of.empty()) operation_ids.emplace_back(op.operation_id);
  }
  auto records = context.results().records();
  const auto baseline_outcome = apply_baseline(records, baseline);
  auto summary = summarize(records, operation_ids);
  for (auto& row : summary.operations) {
    if (!context.operation_selected(row.operation_id)) row.reason = "excluded by --operations";
  }
  std::cout << "\n";
  write_operation_table(std::cout, summary);
  std::cout << "suites ran in " << elapsed.count() << " ms against " << options->base_url << "\n";
  if (!options->baseline_path.empty()) {
    std::cout << "baseline " << options->baseline_path << ": " << summary.known_checks
              << " known failure(s) reported as known\n";
    for (const auto& e : baseline_outcome.no_longer_failing) {
      std::cout << "no longer fails: remove from the baseline: " << e.operation_id << " " << e.check
                << "  # " << e.reason << "\n";
    }
  }
  if (!options->write_baseline_path.empty()) {
    std::ofstream out(options->write_baseline_path);
    write_baseline(out, records);
    std::cout << "wrote this run's failures to " << options->write_baseline_path << "\n";
  }
  if (!options->junit_path.empty()) {
    std::ofstream out(options->junit_path);
    write_junit(out, records);
  }
  if (!options->json_path.empty()) {
    std::ofstream out(options->json_path);
    write_json_report(out, options->base_url, records, summary);
  }
  // Known failures never fail their gtest test (SuiteContext::record).
  const bool stale = options->strict_baseline && !baseline_outcome.no_longer_failing.empty();
  const bool failed = summary.failed_checks > 0 || stale || gtest_result != 0;
  if (failed) {
    std::cout << "result: failures found in " << summary.failed_operations << " operation(s)"
              << (stale ? ", baseline entries that no longer fail (--strict-baseline)" : "")
              << " (exit 1)\n";
  } else {
    std::cout << "result: all checks passed"
              << (summary.known_checks ? " apart from known failures" : "") << " (exit 0)\n";
  }
  return static_cast<int>(failed ? ExitCode::failures_found : ExitCode::all_passed);
}

}  // namespace
}  // namespace lfkit::conformance

int main(int argc, char** argv) {
  return lfkit::conformance::run(argc, argv);
}
