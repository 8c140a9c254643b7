// stateful: create -> read -> update -> list -> delete -> read-gone chains
// for variables, API keys, users and flows, each step judged against the
// spec and against the previous step, with a second user who must neither
// see nor change the first user's objects. Chains clean up after themselves.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/uuid.hpp"
#include "conformance/net/request_bodies.hpp"
#include "conformance/suites/chain.hpp"
#include "conformance/suites/flow_fixture.hpp"
#include "conformance/suites/stream_exchange.hpp"

namespace lfkit::conformance {
namespace {

using api::Method;
using nlohmann::json;

std::string str(const std::optional<json>& doc, const char* key) {
  if (!doc || !doc->is_object() || !doc->contains(key) || !(*doc)[key].is_string()) return "";
  return (*doc)[key].get<std::string>();
}

// The second user, or a recorded skip of the isolation steps.
const Credentials* other_user(SuiteContext& ctx, const api::OperationInfo* op,
                              const std::string& chain) {
  const auto* b = ctx.second_user();
  if (!b) ctx.record_skip(*op, "stateful", chain + ".isolation", ctx.second_user_problem());
  return b;
}

void variables_chain() {
  auto& ctx = suite_context();
  const auto* create = find_operation(Method::Post, "/api/v1/variables/");
  const auto* list = find_operation(Method::Get, "/api/v1/variables/");
  const auto* update = find_operation(Method::Patch, "/api/v1/variables/{variable_id}");
  const auto* remove = find_operation(Method::Delete, "/api/v1/variables/{variable_id}");
  Chain chain(ctx, "stateful", "variables");
  if (!chain.usable({create, list, update, remove})) return;

  const std::string name = "LFKIT_CONF_" + new_uuid().substr(0, 8);
  auto created = chain.step(
      create,
      chain.request(create, {}, {{"name", name}, {"value", "value-one"}, {"type", "Generic"}}), 201,
      "create");
  const auto id = str(created, "id");
  chain.expect(create, "create_echoes", str(created, "name") == name && !id.empty(),
               created ? created->dump() : "", "the new variable's id and name " + name);
  if (chain.stopped() || id.empty()) return;

  auto listed = chain.step(list, chain.request(list), 200, "list");
  chain.expect(list, "list_contains_created", listed && json_mentions(*listed, id),
               "created variable missing", "the list contains " + id);

  if (const auto* b = other_user(ctx, update, "variables")) {
    auto as_b = [&](const api::OperationInfo* op,
                    const std::vector<std::pair<std::string, std::string>>& path,
                    const json& body) {
      return SuiteContext::with_credentials(chain.request(op, path, body), *b);
    };
    auto b_list = chain.step(list, as_b(list, {}, nullptr), 200, "other_user_list");
    chain.expect(list, "other_user_does_not_see", b_list && !json_mentions(*b_list, id),
                 "the other user's list contains " + id, "a list without " + id);
    chain.step(update, as_b(update, {{"variable_id", id}}, {{"id", id}, {"value", "stolen"}}), 404,
               "other_user_update_is_404");
    chain.step(remove, as_b(remove, {{"variable_id", id}}, nullptr), 404,
               "other_user_delete_is_404");
    auto again = chain.step(list, chain.request(list), 200, "list_after_other_user");
    bool unchanged = false;
    if (again && again->is_array()) {
      for (const auto& v : *again) {
        if (v.value("id", "") == id) unchanged = v.value("value", "") == "value-one";
      }
    }
    chain.expect(list, "other_user_changed_nothing", unchanged,
                 "the variable is gone or its value changed", "value 'value-one' kept");
  }

  auto updated = chain.step(
      update, chain.request(update, {{"variable_id", id}}, {{"id", id}, {"value", "value-two"}}),
      200, "update");
  chain.expect(update, "update_echoes", str(updated, "value") == "value-two",
               updated ? updated->dump() : "", "value 'value-two'");
  chain.step(remove, chain.request(remove, {{"variable_id", id}}), 204, "delete");
  auto after = chain.step(list, chain.request(list), 200, "list_after_delete");
  chain.expect(list, "deleted_is_gone", after && !json_mentions(*after, id),
               "deleted variable still listed", "a list without " + id);
  chain.step(remove, chain.request(remove, {{"variable_id", id}}), 404, "delete_again_is_404");
  if (chain.stopped()) ctx.send(chain.request(remove, {{"variable_id", id}}));  // cleanup

  // Credential variables (the default type) never echo their value.
  Chain secret(ctx, "stateful", "credential_variable");
  const std::string cleartext = "lfkit-secret-" + new_uuid().substr(0, 8);
  auto stored = secret.step(
      create,
      secret.request(
          create, {},
          {{"name", "LFKIT_CONF_SECRET_" + new_uuid().substr(0, 8)}, {"value", cleartext}}),
      201, "create");
  secret.expect(create, "value_not_echoed", stored && !json_contains_text(*stored, cleartext),
                "the response contains the cleartext value", "a masked or encrypted value");
  auto secrets = secret.step(list, secret.request(list), 200, "list");
  secret.expect(list, "value_not_listed", secrets && !json_contains_text(*secrets, cleartext),
                "the list contains the cleartext value", "a masked or encrypted value");
  if (const auto secret_id = str(stored, "id"); !secret_id.empty()) {
    secret.step(remove, secret.request(remove, {{"variable_id", secret_id}}), 204, "delete");
  }
}

void api_key_chain() {
  auto& ctx = suite_context();
  const auto* create = find_operation(Method::Post, "/api/v1/api_key/");
  const auto* list = find_operation(Method::Get, "/api/v1/api_key/");
  const auto* remove = find_operation(Method::Delete, "/api/v1/api_key/{api_key_id}");
  const auto* whoami = find_operation(Method::Get, "/api/v1/users/whoami");
  Chain chain(ctx, "stateful", "api_key");
  if (!chain.usable({create, list, remove, whoami})) return;

  auto created = chain.step(
      create, chain.request(create, {}, {{"name", "lfkit-conf-" + new_uuid().substr(0, 8)}}), 200,
      "create");
  const auto id = str(created, "id");
  const auto key = str(created, "api_key");
  chain.expect(create, "create_returns_key", !id.empty() && key.starts_with("sk-"),
               created ? created->dump() : "", "{id, api_key: 'sk-...'}");
  if (chain.stopped() || key.empty()) return;

  HttpRequest by_header{"GET", "/api/v1/users/whoami", {{"x-api-key", key}}, ""};
  auto me = chain.step(whoami, by_header, 200, "key_in_header_accepted");
  chain.expect(whoami, "key_belongs_to_creator",
               ctx.credentials().user_id.empty() || str(me, "id") == ctx.credentials().user_id,
               "whoami id " + str(me, "id"), "the creator's id " + ctx.credentials().user_id);
  chain.step(whoami, {"GET", "/api/v1/users/whoami?x-api-key=" + url_encode(key), {}, ""}, 200,
             "key_in_query_accepted");
  auto listed = chain.step(list, chain.request(list), 200, "list");
  chain.expect(list, "list_contains_created", listed && json_mentions(*listed, id),
               "created key missing from the list", "the list contains " + id);
  chain.expect(list, "list_masks_key", listed && !json_mentions(*listed, key),
               "the full key is listed", "keys listed masked");

  if (const auto* b = other_user(ctx, remove, "api_key")) {
    auto b_list = chain.step(list, SuiteContext::with_credentials(chain.request(list), *b), 200,
                             "other_user_list");
    chain.expect(list, "other_user_does_not_see", b_list && !json_mentions(*b_list, id),
                 "the other user's list contains " + id, "a list without " + id);
    auto b_delete =
        ctx.send(SuiteContext::with_credentials(chain.request(remove, {{"api_key_id", id}}), *b));
    if (ctx.judge_against_spec(*remove, "stateful", b_delete)) {
      ctx.record(remove, "stateful",
                 {"api_key.other_user_cannot_delete", b_delete.response->status >= 400,
                  "status " + std::to_string(b_delete.response->status), "a 4xx"},
                 b_delete);
    }
    chain.step(whoami, by_header, 200, "key_still_works_after_other_user");
  }

  chain.step(remove, chain.request(remove, {{"api_key_id", id}}), 200, "delete");
  if (!chain.stopped()) {
    auto refused = ctx.send(by_header);
    auto outcome = refused.response ? check_auth_refusal(*refused.response)
                                    : CheckOutcome{"", false, refused.net_error, "a refusal"};
    outcome.check = "api_key.deleted_key_refused";
    ctx.record(whoami, "stateful", outcome, refused);
  }
  auto after = chain.step(list, chain.request(list), 200, "list_after_delete");
  chain.expect(list, "deleted_is_gone", after && !json_mentions(*after, id),
               "deleted key still listed", "a list without " + id);
  if (chain.stopped()) ctx.send(chain.request(remove, {{"api_key_id", id}}));  // cleanup
}

void users_chain() {
  auto& ctx = suite_context();
  const auto* create = find_operation(Method::Post, "/api/v1/users/");
  const auto* list = find_operation(Method::Get, "/api/v1/users/");
  const auto* patch = find_operation(Method::Patch, "/api/v1/users/{user_id}");
  const auto* reset = find_operation(Method::Patch, "/api/v1/users/{user_id}/reset-password");
  const auto* remove = find_operation(Method::Delete, "/api/v1/users/{user_id}");
  const auto* login = find_operation(Method::Post, "/api/v1/login");
  const auto* whoami = find_operation(Method::Get, "/api/v1/users/whoami");
  Chain chain(ctx, "stateful", "users");
  if (!chain.usable({create, list, patch, reset, remove, login, whoami})) return;

  const std::string name = "lfkit-chain-" + new_uuid().substr(0, 8);
  auto login_request = [&](const std::string& password) {
    return HttpRequest{"POST",
                       "/api/v1/login",
                       {{"Content-Type", "application/x-www-form-urlencoded"}},
                       form_urlencoded({{"username", name}, {"password", password}})};
  };
  auto created = chain.step(
      create, chain.request(create, {}, {{"username", name}, {"password", "first-Pass-1"}}), 201,
      "create");
  const auto id = str(created, "id");
  chain.expect(create, "create_echoes", str(created, "username") == name && !id.empty(),
               created ? created->dump() : "", "the new user's id and username");
  if (chain.stopped()) return;
  auto listed = chain.step(list, chain.request(list), 200, "list");
  chain.expect(list, "list_contains_created", listed && json_mentions(*listed, id),
               "created user missing from the list", "the list contains " + id);
  auto active = chain.step(patch, chain.request(patch, {{"user_id", id}}, {{"is_active", true}}),
                           200, "activate");
  chain.expect(patch, "activate_echoes", active && active->value("is_active", false),
               active ? active->dump() : "", "is_active true");
  auto token = chain.step(login, login_request("first-Pass-1"), 200, "login");
  const auto access = str(token, "access_token");
  if (chain.stopped() || access.empty())
    return (void)ctx.send(chain.request(remove, {{"user_id", id}}));
  const Credentials user{{{"Authorization", "Bearer " + access}}, id, "", access, name, ""};
  auto me = chain.step(whoami, SuiteContext::with_credentials(chain.request(whoami), user), 200,
                       "whoami");
  chain.expect(whoami, "whoami_is_new_user", str(me, "username") == name, me ? me->dump() : "",
               "username " + name);
  if (!ctx.credentials().user_id.empty()) {
    chain.step(patch,
               SuiteContext::with_credentials(
                   chain.request(patch, {{"user_id", ctx.credentials().user_id}},
                                 {{"username", "lfkit-mallory"}}),
                   user),
               403, "ordinary_user_cannot_patch_others");
  }
  chain.step(patch,
             SuiteContext::with_credentials(
                 chain.request(patch, {{"user_id", id}}, {{"is_superuser", true}}), user),
             403, "ordinary_user_cannot_promote_self");
  chain.step(reset,
             SuiteContext::with_credentials(
                 chain.request(reset, {{"user_id", id}}, {{"password", "second-Pass-2"}}), user),
             200, "reset_own_password");
  chain.step(login, login_request("second-Pass-2"), 200, "login_with_new_password");
  chain.step(remove, chain.request(remove, {{"user_id", id}}), 200, "delete");
  chain.step(login, login_request("second-Pass-2"), 401, "deleted_user_cannot_login");
  chain.step(remove, chain.request(remove, {{"user_id", id}}), 404, "delete_again_is_404");
  if (chain.stopped()) ctx.send(chain.request(remove, {{"user_id", id}}));  // cleanup
}

void flows_chain() {
  auto& ctx = suite_context();
  const auto* create = create_flow_op();
  const auto* read = flow_item_op(Method::Get);
  const auto* update = flow_item_op(Method::Patch);
  const auto* remove = flow_item_op(Method::Delete);
  const auto* list = find_operation(Method::Get, "/api/v1/flows/");
  Chain chain(ctx, "stateful", "flows");
  if (!chain.usable({create, read, update, remove, list})) return;

  const std::string name = "lfkit-stateful-" + new_uuid();
  auto created =
      chain.step(create, chain.request(create, {}, empty_flow_body(name)), 201, "create");
  const auto id = str(created, "id");
  chain.expect(create, "create_echoes", str(created, "name") == name && !id.empty(),
               created ? created->dump() : "", "the new flow's id and name");
  if (chain.stopped()) return;
  auto got = chain.step(read, chain.request(read, {{"flow_id", id}}), 200, "read");
  chain.expect(read, "read_returns_created", str(got, "name") == name, got ? got->dump() : "",
               "name " + name);
  if (const auto* b = other_user(ctx, read, "flows")) {
    chain.step(read, SuiteContext::with_credentials(chain.request(read, {{"flow_id", id}}), *b),
               404, "other_user_read_is_404");
    chain.step(update,
               SuiteContext::with_credentials(
                   chain.request(update, {{"flow_id", id}}, {{"name", "stolen"}}), *b),
               404, "other_user_update_is_404");
    chain.step(remove, SuiteContext::with_credentials(chain.request(remove, {{"flow_id", id}}), *b),
               404, "other_user_delete_is_404");
    auto b_list = chain.step(list, SuiteContext::with_credentials(chain.request(list), *b), 200,
                             "other_user_list");
    chain.expect(list, "other_user_does_not_see", b_list && !json_mentions(*b_list, id),
                 "the other user's list contains " + id, "a list without " + id);
  }
  auto patched = chain.step(
      update, chain.request(update, {{"flow_id", id}}, {{"description", "changed by lfkit"}}), 200,
      "update");
  auto reread = chain.step(read, chain.request(read, {{"flow_id", id}}), 200, "reread");
  chain.expect(read, "update_persists",
               reread && reread->value("description", "") == "changed by lfkit" &&
                   str(reread, "name") == name,
               reread ? reread->dump() : "", "description 'changed by lfkit', name kept");
  auto listed = chain.step(list, chain.request(list), 200, "list");
  chain.expect(list, "list_contains_created", listed && json_mentions(*listed, id),
               "created flow missing from the list", "the list contains " + id);
  chain.step(remove, chain.request(remove, {{"flow_id", id}}), 200, "delete");
  chain.step(read, chain.request(read, {{"flow_id", id}}), 404, "read_after_delete_is_404");
  if (chain.stopped()) delete_flow(ctx, id);
  (void)patched;
}

}  // namespace

void register_stateful_suite(SuiteContext&) {
  register_check("stateful", "variables", variables_chain);
  register_check("stateful", "api_key", api_key_chain);
  register_check("stateful", "users", users_chain);
  register_check("stateful", "flows", flows_chain);
}

}  // namespace lfkit::conformance
