// lfkit-conformance: checks a base URL against spec/openapi.yaml, operation
// by operation. Suites are GoogleTest tests registered at startup.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

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
  auto options = parse_cli(args);
  if (!options) {
    std::cerr << "lfkit-conformance: " << options.error() << "\n";
    return static_cast<int>(ExitCode::usage_error);
  }
  if (options->help) {
    std::cout << cli_help_text();
    return 0;
  }
  // RapidCheck reads its configuration from RC_PARAMS on first use; a run
  // keeps properties to 25 cases unless RC_PARAMS says otherwise.
  std::string rc_params = std::getenv("RC_PARAMS") ? std::getenv("RC_PARAMS") : "max_success=25";
  if (options->seed != 0) rc_params += " seed=" + std::to_string(options->seed);
  setenv("RC_PARAMS", rc_params.c_str(), 1);
  SuiteContext context(*options);
  if (auto stop = context.connect_and_authenticate()) return static_cast<int>(*stop);
  set_suite_context(&context);

  if (suite_wanted(*options, "schema")) register_schema_suite(context);
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
  const auto records = context.results().records();
  auto summary = context.results().summarize(operation_ids);
  for (auto& row : summary.operations) {
    if (!context.operation_selected(row.operation_id)) row.reason = "excluded by --operations";
  }
  std::cout << "\n";
  write_operation_table(std::cout, summary);
  std::cout << "suites ran in " << elapsed.count() << " ms against " << options->base_url << "\n";
  if (!options->junit_path.empty()) {
    std::ofstream out(options->junit_path);
    write_junit(out, records);
  }
  if (!options->json_path.empty()) {
    std::ofstream out(options->json_path);
    write_json_report(out, options->base_url, records, summary);
  }
  const bool failed = summary.failed_checks > 0 || gtest_result != 0;
  std::cout << (failed ? "result: failures found (exit 1)\n"
                       : "result: all checks passed (exit 0)\n");
  return static_cast<int>(failed ? ExitCode::failures_found : ExitCode::all_passed);
}

}  // namespace
}  // namespace lfkit::conformance

int main(int argc, char** argv) {
  return lfkit::conformance::run(argc, argv);
}
