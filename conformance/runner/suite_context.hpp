// Shared state of one conformance run: the connection to the target, the
// credentials, the result log and the schema cache, plus the one helper every
// suite uses to send a request and judge the response.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "conformance/checks/response_checks.hpp"
#include "conformance/net/http_client.hpp"
#include "conformance/report/baseline.hpp"
#include "conformance/report/exit_codes.hpp"
#include "conformance/report/result_log.hpp"
#include "conformance/runner/cli_options.hpp"
#include "lfkit/api/operations.hpp"

namespace lfkit::conformance {

struct Credentials {
  std::vector<Header> headers;  // what an authenticated request carries
  std::string user_id;          // from /users/whoami ("" if unknown)
  std::string api_key;          // for api_key-only routes ("" if none)
  std::string access_token;     // JWT ("" if none)
  std::string username;         // for users the run made ("" otherwise)
  std::string password;
};

// The judged outcome of one exchange.
struct Exchange {
  HttpRequest request;
  std::optional<HttpResponse> response;  // empty on a network failure
  std::string net_error;
};

class SuiteContext {
 public:
  explicit SuiteContext(CliOptions options);

  // Startup: reachability then credentials. Returns the exit code to stop
  // with, or nullopt to continue; prints the one-line reason itself.
  std::optional<ExitCode> connect_and_authenticate();

  HttpClient& client() { return *client_; }
  const CliOptions& options() const { return options_; }
  const Credentials& credentials() const { return credentials_; }
  ResultLog& results() { return results_; }
  SchemaCache& schemas() { return schemas_; }
  bool operation_selected(std::string_view operation_id) const;
  // Failures listed here are recorded as known (printed, not a gtest failure).
  void set_baseline(const std::vector<BaselineEntry>& entries);

  // Sends without judging.
  Exchange send(HttpRequest request);
  // Builds a request for an operation: path params from `path_values`
  // (missing ones get a fresh UUID / "x"), required query params filled from
  // their schemas, the minimal valid body when one is required, and the
  // default credentials when `authenticated`.
  HttpRequest request_for(const api::OperationInfo& op,
                          const std::vector<std::pair<std::string, std::string>>& path_values = {},
                          bool authenticated = true) const;

  // A fresh ordinary user (created and activated through the run's superuser
  // credentials, made on first use) for isolation and privilege checks;
  // nullptr when the target or the credentials do not allow it, with the
  // reason in second_user_problem().
  const Credentials* second_user();
  const std::string& second_user_problem() const { return second_user_problem_; }
  // Deletes what the run made for itself (fixtures, then the second user).
  // Called once at the end.
  void cleanup();
  // Runs `step` at cleanup, latest registered first.
  void on_cleanup(std::function<void()> step) { cleanups_.push_back(std::move(step)); }
  // The same request as `request` but carrying `as` instead of the run's credentials.
  static HttpRequest with_credentials(HttpRequest request, const Credentials& as,
                                      bool api_key_only = false);

  // 501 means the target has no handler for the operation: every suite
  // records it as a failure ("not implemented"), or a skip under
  // --allow-unimplemented, instead of judging the response further.
  static bool not_implemented(const Exchange& exchange) {
    return exchange.response && exchange.response->status == 501;
  }
  void record_not_implemented(const api::OperationInfo& op, std::string_view suite,
                              std::string_view check, const Exchange& exchange,
                              std::string why = "target answers 501");
  // Suites other than positive/schema skip a 501: the positive check of the
  // same operation already fails it, once.
  void skip_not_implemented(const api::OperationInfo& op, std::string_view suite,
                            std::string_view check) {
    record_skip(op, suite, check, "target answers 501 (not implemented; see the positive check)");
  }

  // Records one check outcome (and a gtest failure carrying the reproducer).
  void record(const api::OperationInfo* op, std::string_view suite, const CheckOutcome& outcome,
              const Exchange& exchange);
  void record_skip(const api::OperationInfo& op, std::string_view suite, std::string_view check,
                   std::string reason);
  // Runs the spec checks (no 5xx, documented status, content type, schema,
  // error shape) on an exchange; returns false if any failed.
  // `body_checks` false: status and content type only (a stream's first
  // frames); HEAD responses never have their (absent) body judged.
  bool judge_against_spec(const api::OperationInfo& op, std::string_view suite,
                          const Exchange& exchange, bool body_checks = true);

  static std::vector<DocumentedResponse> documented(const api::OperationInfo& op);
  // A probe the target accepted may have created something: delete it through
  // the DELETE operation at "<create path>{id}" when the spec has one.
  void delete_if_created(const api::OperationInfo& op, const Exchange& exchange);

 private:
  std::optional<Credentials> make_second_user(std::string* why, std::string* user_id);
  void delete_user(const std::string& user_id);
  void learn_user_id();

  CliOptions options_;
  std::unique_ptr<HttpClient> client_;
  Credentials credentials_;
  std::optional<Credentials> second_user_;
  bool second_user_tried_ = false;
  std::string second_user_problem_;
  std::string second_user_id_;
  ResultLog results_;
  SchemaCache schemas_;
  std::vector<std::function<void()>> cleanups_;
  std::set<std::string> baseline_;  // "<operationId> <suite>/<check>"
};

// The context of the current run (set by main before the suites run).
SuiteContext& suite_context();
void set_suite_context(SuiteContext* context);

// Suite registration: each adds gtest tests named "<suite>.<what>".
// schema + positive: one valid request per operation, its objects set up first.
void register_schema_suite(SuiteContext& context);
void register_auth_suite(SuiteContext& context);
void register_negative_suite(SuiteContext& context);
void register_stateful_suite(SuiteContext& context);
void register_execution_suite(SuiteContext& context);
void register_streaming_suite(SuiteContext& context);
void register_properties_suite(SuiteContext& context);

// Registers one gtest test whose body is `body`.
void register_check(const std::string& suite, const std::string& name, std::function<void()> body);

}  // namespace lfkit::conformance
