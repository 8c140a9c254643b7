// The flow write paths shared by the Flows and Projects handlers, following
// upstream's helpers: create with auto-renaming (_new_flow), PUT replacement
// (_update_existing_flow), PATCH (_patch_flow) and the all-or-nothing batch.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/auth_services.hpp"
#include "common/expected.hpp"
#include "store/entities.hpp"

namespace lfkit::handlers::flows {

// An HTTP answer other than success: status plus Langflow's body.
struct HttpError {
  int status = 400;
  nlohmann::json body;
  static HttpError detail(int status, std::string_view message) {
    return {status, {{"detail", message}}};
  }
};

template <typename T>
using Outcome = lfkit::Expected<T, HttpError>;

struct NewFlowOptions {
  std::optional<std::string> id;           // PUT's path id; else the body's id; else random
  bool fail_on_endpoint_conflict = false;  // PUT: 409 instead of "-N" renaming
  bool reject_invalid_folder = false;      // PUT: 400 "Folder not found" instead of falling back
};

class FlowService {
 public:
  explicit FlowService(std::shared_ptr<const api::Services> services)
      : services_(std::move(services)) {}

  store::Store& store() const { return *services_->store; }
  const api::Services& services() const { return *services_; }

  // The caller's default project, created when missing.
  Outcome<store::Folder> default_folder(const std::string& user_id) const;
  // `requested` when it is one of the caller's projects; otherwise the default
  // project, or 400 "Folder not found" when `reject_invalid` and one was named.
  Outcome<std::string> resolve_folder(const std::string& user_id,
                                      const std::optional<std::string>& requested,
                                      bool reject_invalid) const;

  // A FlowCreate body as sent (already schema-valid): field checks, renaming, insert.
  Outcome<store::Flow> create(const std::string& user_id, const nlohmann::json& body,
                              const NewFlowOptions& options) const;
  // PUT on an existing owned flow: fields set and non-null replace, 409 on clashes.
  Outcome<store::Flow> replace(const std::string& user_id, store::Flow existing,
                               const nlohmann::json& body) const;
  // PATCH: like replace, but clashes are 400 and an unknown folder falls back.
  Outcome<store::Flow> patch(const std::string& user_id, store::Flow existing,
                             const nlohmann::json& body) const;
  // POST /flows/batch/: no renaming; 422 on existing ids, 409 on clashes; all or nothing.
  Outcome<std::vector<store::Flow>> create_batch(const std::string& user_id,
                                                 const std::vector<nlohmann::json>& bodies) const;

 private:
  Outcome<void> check_fs_path(const std::string& user_id, const nlohmann::json& body) const;
  // Mirrors a written flow to its fs_path file, as upstream does after each write.
  Outcome<store::Flow> mirrored(store::Flow flow) const;
  std::shared_ptr<const api::Services> services_;
};

// Applies a FlowCreate/FlowUpdate body's set, non-null fields onto `flow`
// (id, user_id and folder_id are the caller's business).
void apply_flow_fields(store::Flow& flow, const nlohmann::json& body);

// pydantic-like text for schema errors of an uploaded flow ("1 validation error for FlowCreate
// ...").
std::string describe_flow_errors(const nlohmann::json& flow_json);

}  // namespace lfkit::handlers::flows
