#include "handlers/variables_handlers.hpp"

#include "api/context.hpp"

namespace lfkit::handlers {
namespace {

constexpr std::string_view kCredential = "Credential";

// Internal variables are named "__x__" and never listed.
bool is_internal(std::string_view name) {
  return name.size() >= 4 && name.starts_with("__") && name.ends_with("__");
}

std::string fields_json(const std::vector<std::string>& fields) {
  return nlohmann::json(fields).dump();
}

}  // namespace

// VariableRead: Generic values are decrypted, Credential values stay ciphertext.
nlohmann::json VariablesHandlers::variable_json(const store::Variable& v) const {
  nlohmann::json value = v.value;
  if (v.type.value_or(std::string(kCredential)) != kCredential) {
    auto plain = services_->box.decrypt(v.value);
    if (plain) value = *plain;
  }
  nlohmann::json fields = nlohmann::json::array();
  if (v.default_fields_json) {
    fields = nlohmann::json::parse(*v.default_fields_json, nullptr, false);
    if (fields.is_discarded()) fields = nlohmann::json::array();
  }
  return {{"id", v.id},
          {"name", v.name},
          {"type", v.type ? nlohmann::json(*v.type) : nlohmann::json(nullptr)},
          {"value", value},
          {"default_fields", fields}};
}

void VariablesHandlers::read_variables(api::Context& ctx, const api::req::read_variables&) {
  auto vars = services_->store->list_variables(ctx.caller()->user_id);
  if (!vars) {
    ctx.respond_detail(500, vars.error().message);
    return;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& v : *vars) {
    if (!is_internal(v.name)) list.push_back(variable_json(v));
  }
  ctx.respond_json(200, list);
}

void VariablesHandlers::create_variable(api::Context& ctx,
                                        const api::req::create_variable& request) {
  const auto& body = request.body;
  if (body.name.empty()) {
    ctx.respond_detail(400, "Variable name cannot be empty");
    return;
  }
  if (body.value.empty()) {
    ctx.respond_detail(400, "Variable value cannot be empty");
    return;
  }
  store::Variable v;
  v.name = body.name;
  v.value = services_->box.encrypt(body.value);
  v.type = body.type;
  v.default_fields_json = fields_json(body.default_fields);
  v.user_id = ctx.caller()->user_id;
  auto created = services_->store->create_variable(std::move(v));
  if (!created) {
    ctx.respond_detail(400, created.error().code == store::StoreErrorCode::conflict
                                ? "Variable name already exists"
                                : created.error().message);
    return;
  }
  ctx.respond_json(201, variable_json(*created));
}

void VariablesHandlers::update_variable(api::Context& ctx,
                                        const api::req::update_variable& request) {
  const std::string& user_id = ctx.caller()->user_id;
  const std::string id = request.variable_id;
  auto v = services_->store->get_variable(user_id, id);
  if (!v) {
    ctx.respond_detail(404, "Variable not found");
    return;
  }
  const auto& body = request.body;
  if (body.name) v->name = *body.name;
  if (body.type) v->type = body.type;
  if (body.value) v->value = services_->box.encrypt(*body.value);
  if (body.default_fields) v->default_fields_json = fields_json(*body.default_fields);
  auto saved = services_->store->update_variable(user_id, *v);
  if (!saved) {
    ctx.respond_detail(saved.error().code == store::StoreErrorCode::not_found ? 404 : 400,
                       saved.error().code == store::StoreErrorCode::conflict
                           ? "Variable name already exists"
                           : saved.error().message);
    return;
  }
  ctx.respond_json(200, variable_json(*saved));
}

void VariablesHandlers::delete_variable(api::Context& ctx,
                                        const api::req::delete_variable& request) {
  const std::string id = request.variable_id;
  if (!services_->store->delete_variable(ctx.caller()->user_id, id)) {
    ctx.respond_detail(404, "Variable not found");
    return;
  }
  http::Response r;
  r.status = 204;
  ctx.respond(std::move(r));
}

}  // namespace lfkit::handlers
