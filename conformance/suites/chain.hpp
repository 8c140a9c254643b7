// A stateful chain of requests (create -> read -> ... -> delete): each step
// is judged against the spec and against the status the chain expects; a
// step on an operation the target does not implement (501) or that the run
// excluded stops the chain with a skip instead of a failure.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "conformance/runner/suite_context.hpp"
#include "conformance/suites/operation_lookup.hpp"

namespace lfkit::conformance {

class Chain {
 public:
  Chain(SuiteContext& ctx, std::string suite, std::string name)
      : ctx_(ctx), suite_(std::move(suite)), name_(std::move(name)) {}

  bool stopped() const { return stopped_; }
  const std::string& stop_reason() const { return stop_reason_; }

  // Sends `request` for `op`; nullopt (and the chain stops) unless the spec
  // checks pass and the status is `expected_status`. The body is parsed JSON
  // (null for an empty/non-JSON body).
  std::optional<nlohmann::json> step(const api::OperationInfo* op, HttpRequest request,
                                     int expected_status, const std::string& check);
  // A request for `op` with path values and an optional JSON body.
  HttpRequest request(const api::OperationInfo* op,
                      const std::vector<std::pair<std::string, std::string>>& path = {},
                      const nlohmann::json& body = nullptr) const;
  // Records a named assertion about the last exchange.
  void expect(const api::OperationInfo* op, const std::string& check, bool ok,
              const std::string& actual, const std::string& expected);
  // Stops the chain with a skip on every operation it would have used.
  void skip(const std::string& reason, const std::vector<const api::OperationInfo*>& ops);
  // Whether every op exists and is selected; otherwise skips with the reason.
  bool usable(const std::vector<const api::OperationInfo*>& ops);
  const Exchange& last() const { return last_; }

 private:
  SuiteContext& ctx_;
  std::string suite_;
  std::string name_;
  bool stopped_ = false;
  std::string stop_reason_;
  Exchange last_;
};

// Whether a JSON value (list or object) mentions `id` anywhere.
bool json_mentions(const nlohmann::json& value, const std::string& id);

}  // namespace lfkit::conformance
