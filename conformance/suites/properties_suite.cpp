// properties (RapidCheck; --seed N makes runs repeatable):
//  - variables created with generated names and values read back unchanged;
//  - flows created with generated names and descriptions read back unchanged;
//  - generated JSON bodies never get a 5xx or a dropped connection from any
//    selected JSON-body operation.
// Each property runs a bounded number of cases so a run stays short.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "common/uuid.hpp"
#include "conformance/suites/flow_fixture.hpp"

namespace lfkit::conformance {
namespace {

using api::Method;
using nlohmann::json;

// Printable ASCII, which every name field accepts.
rc::Gen<std::string> printable(int max_length) {
  return rc::gen::resize(max_length,
                         rc::gen::container<std::string>(rc::gen::inRange<char>(' ', '~' + 1)));
}

// On failure the reproducer is the last failing exchange, which after
// shrinking is RapidCheck's minimal counterexample.
void record_property(const char* name, bool held, const api::OperationInfo* op,
                     const std::optional<Exchange>& last_failing) {
  auto& ctx = suite_context();
  if (held || !last_failing) {
    ctx.results().add({op ? std::string(op->operation_id) : "",
                       "properties",
                       name,
                       held ? Verdict::pass : Verdict::fail,
                       held ? "" : "counterexample printed above (shrunk by RapidCheck)",
                       std::nullopt,
                       {}});
    EXPECT_TRUE(held) << name;
    return;
  }
  ctx.record(op, "properties",
             {name, false, "property falsified (shrunk counterexample)", "the property holds"},
             *last_failing);
}

bool selected(const api::OperationInfo* op) {
  return op && suite_context().operation_selected(op->operation_id);
}

// Skips with a reason unless the operation answers (not 501).
bool implemented(const api::OperationInfo* op, HttpRequest probe, const char* property) {
  auto& ctx = suite_context();
  auto exchange = ctx.send(std::move(probe));
  if (SuiteContext::not_implemented(exchange)) {
    ctx.skip_not_implemented(*op, "properties", property);
    return false;
  }
  return true;
}

void variables_round_trip() {
  auto& ctx = suite_context();
  const auto* create = find_operation(Method::Post, "/api/v1/variables/");
  const auto* list = find_operation(Method::Get, "/api/v1/variables/");
  const auto* remove = find_operation(Method::Delete, "/api/v1/variables/{variable_id}");
  if (!selected(create) || !selected(list) || !selected(remove))
    GTEST_SKIP() << "variables operations excluded";
  if (!implemented(list, ctx.request_for(*list), "variables_round_trip"))
    GTEST_SKIP() << "read_variables answers 501";
  std::optional<Exchange> last_failing;
  const bool held = rc::check("variable names and values round-trip", [&] {
    const auto suffix = *printable(40);
    const auto value = *printable(200);
    RC_PRE(!value.empty());  // upstream refuses empty values (400)
    const std::string name = "LFKIT_PROP_" + new_uuid().substr(0, 8) + suffix;
    auto request = ctx.request_for(*create);
    request.body = json{{"name", name}, {"value", value}, {"type", "Generic"}}.dump();
    auto created = ctx.send(request);
    last_failing = created;
    RC_ASSERT(created.response.has_value());
    RC_ASSERT(created.response->status == 201);
    const auto id = json::parse(created.response->body, nullptr, false).value("id", "");
    auto listed = ctx.send(ctx.request_for(*list));
    last_failing = listed;
    ctx.send(ctx.request_for(*remove, {{"variable_id", id}}));
    RC_ASSERT(listed.response.has_value());
    auto doc = json::parse(listed.response->body, nullptr, false);
    RC_ASSERT(doc.is_array());
    bool found = false;
    for (const auto& v : doc) {
      if (v.value("id", "") != id) continue;
      found = true;
      RC_ASSERT(v.value("name", "") == name);
      RC_ASSERT(v.value("value", "") == value);
    }
    RC_ASSERT(found);
  });
  record_property("variables_round_trip", held, create, last_failing);
}

void flows_round_trip() {
  auto& ctx = suite_context();
  const auto* read = flow_item_op(Method::Get);
  if (!selected(create_flow_op()) || !selected(read)) GTEST_SKIP() << "flow operations excluded";
  {
    ScopedFlow probe(ctx, "properties", empty_flow_body("lfkit-prop-" + new_uuid()));
    if (probe.id.empty()) {
      ctx.record_skip(*create_flow_op(), "properties", "flows_round_trip", probe.problem);
      GTEST_SKIP() << probe.problem;
    }
  }
  std::optional<Exchange> last_failing;
  const bool held = rc::check("flow names and descriptions round-trip", [&] {
    const auto suffix = *printable(40);
    const auto description = *printable(200);
    const std::string name = "lfkit-prop-" + new_uuid().substr(0, 8) + suffix;
    auto body = empty_flow_body(name);
    body["description"] = description;
    auto id = create_flow(ctx, "properties", body);
    RC_ASSERT(id.has_value());
    auto got = ctx.send(ctx.request_for(*read, {{"flow_id", *id}}));
    last_failing = got;
    delete_flow(ctx, *id);
    RC_ASSERT(got.response.has_value());
    auto doc = json::parse(got.response->body, nullptr, false);
    RC_ASSERT(doc.is_object());
    RC_ASSERT(doc.value("name", "") == name);
    RC_ASSERT(doc.value("description", "") == description);
  });
  record_property("flows_round_trip", held, create_flow_op(), last_failing);
}

// Arbitrary JSON: scalars, short arrays and objects, a few levels deep.
rc::Gen<json> any_json(int depth) {
  auto scalar =
      rc::gen::oneOf(rc::gen::just(json(nullptr)),
                     rc::gen::map(rc::gen::arbitrary<bool>(), [](bool b) { return json(b); }),
                     rc::gen::map(rc::gen::arbitrary<int>(), [](int i) { return json(i); }),
                     rc::gen::map(printable(20), [](std::string s) { return json(s); }));
  if (depth <= 0) return scalar;
  auto array =
      rc::gen::map(rc::gen::resize(4, rc::gen::container<std::vector<json>>(any_json(depth - 1))),
                   [](std::vector<json> items) { return json(items); });
  auto object =
      rc::gen::map(rc::gen::resize(4, rc::gen::container<std::vector<std::pair<std::string, json>>>(
                                          rc::gen::pair(printable(8), any_json(depth - 1)))),
                   [](std::vector<std::pair<std::string, json>> items) {
                     json out = json::object();
                     for (auto& [k, v] : items) out[k] = std::move(v);
                     return out;
                   });
  return rc::gen::oneOf(scalar, array, object);
}

void arbitrary_bodies_never_5xx() {
  auto& ctx = suite_context();
  std::vector<const api::OperationInfo*> targets;
  for (const auto& op : api::all_operations()) {
    if (op.alias_of.empty() && op.body_media_type == "application/json" &&
        ctx.operation_selected(op.operation_id) && op.method != Method::Delete &&
        op.operation_id != "save_store_api_key") {  // it would change the run user's settings
      targets.push_back(&op);
    }
  }
  if (targets.empty()) GTEST_SKIP() << "no selected operation takes a JSON body";
  for (const auto* op : targets) {
    std::optional<Exchange> last_failing;
    const bool held =
        rc::check(std::string(op->operation_id) + ": any JSON body gets an answer below 500", [&] {
          const auto body = *any_json(2);
          // The body is sent with a random (nonexistent) id in the path, so
          // nothing real is changed by accident.
          auto request = ctx.request_for(*op);
          request.body = body.dump();
          auto exchange = ctx.send(request);
          ctx.delete_if_created(*op, exchange);  // e.g. an API key from an arbitrary body
          last_failing = exchange;
          RC_ASSERT(exchange.response.has_value());
          RC_ASSERT(exchange.response->status < 500 || exchange.response->status == 501);
        });
    record_property("arbitrary_bodies_never_5xx", held, op, last_failing);
  }
}

}  // namespace

void register_properties_suite(SuiteContext&) {
  register_check("properties", "variables_round_trip", variables_round_trip);
  register_check("properties", "flows_round_trip", flows_round_trip);
  register_check("properties", "arbitrary_bodies_never_5xx", arbitrary_bodies_never_5xx);
}

}  // namespace lfkit::conformance
