// The engine's persistence and lookup interfaces (engine/services.hpp) over the
// owner-scoped store: chat messages, run history and global variables of one user.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "auth/secret_box.hpp"
#include "engine/services.hpp"
#include "http/message.hpp"
#include "jobs/run_record_buffer.hpp"
#include "store/store.hpp"

namespace lfkit::jobs {

// Messages of the flow owner `user_id`. Rows whose flow does not exist (public
// builds run under a virtual flow id) cannot be stored; they stay announce-only.
class StoreMessageStore final : public engine::MessageStore {
 public:
  // With `buffer`, writes wait in it until the run flushes (history() flushes first). With
  // `visit_flow_id` (a public playground visit), history() reads that visit's messages only.
  StoreMessageStore(store::Store& store, std::string user_id, RunRecordBuffer* buffer = nullptr,
                    std::optional<std::string> visit_flow_id = std::nullopt)
      : store_(store),
        user_id_(std::move(user_id)),
        buffer_(buffer),
        visit_flow_id_(std::move(visit_flow_id)) {}
  void add(const engine::Message& message) override;
  void update(const engine::Message& message) override;
  std::vector<engine::Message> history(const std::string& session_id, size_t limit,
                                       const std::string& sender = {}) override;

 private:
  store::Store& store_;
  std::string user_id_;
  RunRecordBuffer* buffer_;
  std::optional<std::string> visit_flow_id_;
};

// Upstream's retention defaults (max_transactions_to_keep, max_vertex_builds_to_keep,
// max_vertex_builds_per_vertex).
inline constexpr store::RetentionLimits kTransactionRetention{3000, 0};
inline constexpr store::RetentionLimits kVertexBuildRetention{3000, 2};

class StoreRunRecorder final : public engine::RunRecorder {
 public:
  explicit StoreRunRecorder(store::Store& store, RunRecordBuffer* buffer = nullptr)
      : store_(store), buffer_(buffer) {}
  void record_vertex_build(engine::VertexBuildRecord record) override;
  void record_transaction(engine::TransactionRecord record) override;

 private:
  store::Store& store_;
  RunRecordBuffer* buffer_;
};

// Request variables (X-LANGFLOW-GLOBAL-VAR-* headers) first, then the user's stored
// variables, decrypted with the server's SecretBox.
class StoreVariableResolver final : public engine::VariableResolver {
 public:
  StoreVariableResolver(store::Store& store, const auth::SecretBox& box, std::string user_id,
                        std::map<std::string, std::string> request_variables = {})
      : store_(store),
        box_(box),
        user_id_(std::move(user_id)),
        request_variables_(std::move(request_variables)) {}
  std::optional<std::string> lookup(const std::string& name) override;

 private:
  store::Store& store_;
  const auth::SecretBox& box_;
  std::string user_id_;
  std::map<std::string, std::string> request_variables_;
};

// Upstream's extract_global_variables_from_headers: every X-LANGFLOW-GLOBAL-VAR-<NAME>
// header (prefix case-insensitive) as NAME upper-cased, hyphens kept.
std::map<std::string, std::string> global_variables_from_headers(const http::Headers& headers);

}  // namespace lfkit::jobs
