#include "conformance/suites/chain.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {

bool json_mentions(const nlohmann::json& value, const std::string& id) {
  if (value.is_string()) return value.get<std::string>() == id;
  if (value.is_array() || value.is_object()) {
    for (const auto& item : value) {
      if (json_mentions(item, id)) return true;
    }
  }
  return false;
}

HttpRequest Chain::request(const api::OperationInfo* op,
                           const std::vector<std::pair<std::string, std::string>>& path,
                           const nlohmann::json& body) const {
  auto r = ctx_.request_for(*op, path);
  if (!body.is_null()) {
    std::erase_if(r.headers, [](const Header& h) { return iequals(h.name, "content-type"); });
    r.headers.push_back({"Content-Type", "application/json"});
    r.body = body.dump();
  }
  return r;
}

std::optional<nlohmann::json> Chain::step(const api::OperationInfo* op, HttpRequest request,
                                          int expected_status, const std::string& check) {
  if (stopped_) return std::nullopt;
  last_ = ctx_.send(std::move(request));
  if (SuiteContext::not_implemented(last_)) {
    skip(std::string(op->operation_id) + " answers 501 (not implemented)", {op});
    return std::nullopt;
  }
  if (!ctx_.judge_against_spec(*op, suite_, last_)) {
    stopped_ = true;
    stop_reason_ = check + " broke the spec";
    return std::nullopt;
  }
  auto outcome = check_status_is(*last_.response, expected_status);
  outcome.check = name_ + "." + check;
  ctx_.record(op, suite_, outcome, last_);
  if (!outcome.ok) {
    stopped_ = true;
    stop_reason_ = check + " answered " + std::to_string(last_.response->status);
    return std::nullopt;
  }
  auto doc = nlohmann::json::parse(last_.response->body, nullptr, false);
  return doc.is_discarded() ? nlohmann::json(nullptr) : doc;
}

void Chain::expect(const api::OperationInfo* op, const std::string& check, bool ok,
                   const std::string& actual, const std::string& expected) {
  if (stopped_) return;
  ctx_.record(op, suite_, {name_ + "." + check, ok, actual, expected}, last_);
}

void Chain::skip(const std::string& reason, const std::vector<const api::OperationInfo*>& ops) {
  stopped_ = true;
  stop_reason_ = reason;
  for (const auto* op : ops) {
    if (op) ctx_.record_skip(*op, suite_, name_, reason);
  }
  GTEST_SKIP_(reason.c_str());
}

bool Chain::usable(const std::vector<const api::OperationInfo*>& ops) {
  for (const auto* op : ops) {
    if (!op) {
      skip("the spec lacks an operation of this chain", ops);
      return false;
    }
  }
  for (const auto* op : ops) {
    if (!ctx_.operation_selected(op->operation_id)) {
      std::vector<const api::OperationInfo*> selected;
      for (const auto* o : ops) {
        if (ctx_.operation_selected(o->operation_id)) selected.push_back(o);
      }
      skip("chain needs " + std::string(op->operation_id) + ", which this run excludes", selected);
      return false;
    }
  }
  return true;
}

}  // namespace lfkit::conformance
