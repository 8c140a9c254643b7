// The persistence interface the handlers use. Implementations: SqliteStore (sqlite_store.hpp);
// a PostgreSQL one can follow without handler changes.
//
// Isolation rule: every query on user-owned data takes the owner's `user_id` and only ever
// sees that user's rows; another user's row behaves exactly like a missing one (not_found).
// The few `*_unscoped` / `*_shared` calls exist for routes that must look across owners
// (public flows, ownership 403s, starter examples) and say so in their names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/entities.hpp"
#include "store/store_error.hpp"
#include "store/trace_entities.hpp"

namespace lfkit::store {

class Store {
 public:
  virtual ~Store() = default;

  // --- users (administration: not owner-scoped) ---
  virtual Result<User> create_user(User user) = 0;  // conflict: username taken
  virtual Result<User> get_user(std::string_view id) = 0;
  virtual Result<User> get_user_by_username(std::string_view username) = 0;
  // Ordered by creation; `search` is a case-insensitive username substring.
  virtual Result<UserList> list_users(int64_t skip, int64_t limit, std::string_view search) = 0;
  virtual Result<User> update_user(User user) = 0;  // all fields; updated_at := now
  virtual Status record_login(std::string_view id, Time when) = 0;
  // Cascades to the user's keys, folders, flows (and their messages/runs), variables, files.
  virtual Status delete_user(std::string_view id) = 0;
  virtual Result<int64_t> count_users() = 0;

  // --- API keys ---
  virtual Result<ApiKey> create_api_key(ApiKey key) = 0;
  virtual Result<std::vector<ApiKey>> list_api_keys(std::string_view user_id) = 0;
  virtual Status delete_api_key(std::string_view user_id, std::string_view key_id) = 0;
  // Authentication lookup by lfkit::auth::hash_api_key(presented key); not owner-scoped.
  virtual Result<ApiKey> find_api_key_by_hash(std::string_view key_hash) = 0;
  // Moves after every committed change to users or API keys (and after rolled-back ones):
  // an authentication result cached at one generation holds while it has not moved.
  virtual int64_t auth_generation() = 0;
  // total_uses += 1, last_used_at := when.
  virtual Status record_api_key_use(std::string_view key_id, Time when) = 0;

  // --- folders / projects ---
  virtual Result<Folder> create_folder(Folder folder) = 0;  // conflict: (user, name) taken
  virtual Result<Folder> get_folder(std::string_view user_id, std::string_view folder_id) = 0;
  // The user's folders plus shared (null-owner) ones, in creation order.
  virtual Result<std::vector<Folder>> list_folders(std::string_view user_id) = 0;
  virtual Result<Folder> find_folder_by_name(std::string_view user_id, std::string_view name) = 0;
  virtual Result<Folder> find_shared_folder_by_name(std::string_view name) = 0;
  // Returns the user's folder called `name`, creating it if missing (atomic).
  virtual Result<Folder> ensure_folder(std::string_view user_id, std::string_view name,
                                       std::string_view description) = 0;
  virtual Result<std::vector<std::string>> folder_names_with_prefix(std::string_view user_id,
                                                                    std::string_view prefix) = 0;
  virtual Result<Folder> update_folder(std::string_view user_id, Folder folder) = 0;
  // Also deletes the flows inside it (and their messages/runs) and sub-folders.
  virtual Status delete_folder(std::string_view user_id, std::string_view folder_id) = 0;

  // --- flows ---
  // conflict messages: "Name must be unique" / "Endpoint name must be unique";
  // invalid: folder_id is not a folder of the same owner.
  virtual Result<Flow> create_flow(Flow flow) = 0;
  virtual Result<Flow> get_flow(std::string_view user_id, std::string_view flow_id) = 0;
  // Any owner: public flows, and telling "not yours" (403) from "missing" (404).
  virtual Result<Flow> get_flow_unscoped(std::string_view flow_id) = 0;
  virtual Result<Flow> find_flow_by_endpoint_name(std::string_view user_id,
                                                  std::string_view endpoint_name) = 0;
  // Any owner's flow with that endpoint name (webhooks when webhook auth is off).
  virtual Result<Flow> find_flow_by_endpoint_name_unscoped(std::string_view endpoint_name) = 0;
  // Changes whenever any flow or folder row changes (cascades included): a cached
  // flow listing made at an older value is stale.
  virtual Result<int64_t> flows_generation() = 0;
  virtual Result<Page<Flow>> list_flows(std::string_view user_id, const FlowQuery& query) = 0;
  // Null-owner example flows (the "Starter Projects" folder).
  virtual Result<Page<Flow>> list_shared_flows(const FlowQuery& query) = 0;
  // For "<name> (N)" / "<endpoint>-N" auto-renaming.
  virtual Result<std::vector<std::string>> flow_names_with_prefix(std::string_view user_id,
                                                                  std::string_view prefix) = 0;
  virtual Result<std::vector<std::string>> endpoint_names_with_prefix(std::string_view user_id,
                                                                      std::string_view prefix) = 0;
  virtual Result<Flow> update_flow(std::string_view user_id, Flow flow) = 0;  // updated_at := now
  // Cascades to the flow's messages, transactions and vertex builds.
  virtual Status delete_flow(std::string_view user_id, std::string_view flow_id) = 0;
  virtual Result<int64_t> delete_flows(std::string_view user_id,
                                       const std::vector<std::string>& flow_ids) = 0;
  // Moves the listed flows the user owns into `folder_id` (one of the user's folders).
  virtual Result<int64_t> move_flows(std::string_view user_id,
                                     const std::vector<std::string>& flow_ids,
                                     std::string_view folder_id) = 0;

  // --- variables ---
  virtual Result<Variable> create_variable(Variable variable) = 0;  // conflict: name taken
  virtual Result<Variable> get_variable(std::string_view user_id, std::string_view id) = 0;
  virtual Result<Variable> find_variable_by_name(std::string_view user_id,
                                                 std::string_view name) = 0;
  virtual Result<std::vector<Variable>> list_variables(std::string_view user_id) = 0;
  virtual Result<Variable> update_variable(std::string_view user_id, Variable variable) = 0;
  virtual Status delete_variable(std::string_view user_id, std::string_view id) = 0;

  // --- messages (owned through their flow's owner) ---
  // Written by the engine for a flow it is running; flow_id must exist when set.
  virtual Result<Message> add_message(Message message) = 0;
  virtual Result<Message> get_message(std::string_view user_id, std::string_view id) = 0;
  virtual Result<std::vector<Message>> list_messages(std::string_view user_id,
                                                     const MessageQuery& query) = 0;
  // The chat history of one public playground visit: messages of the virtual flow
  // `query.flow_id` (required), provided it is a visit of a public flow `owner_id` owns (the
  // visit runs under the owner's identity, but its messages belong to the visitor).
  virtual Result<std::vector<Message>> list_visit_messages(std::string_view owner_id,
                                                           const MessageQuery& query) = 0;
  virtual Result<Message> update_message(std::string_view user_id, Message message) = 0;
  virtual Result<int64_t> delete_messages(std::string_view user_id,
                                          const std::vector<std::string>& ids) = 0;
  virtual Result<int64_t> delete_session(std::string_view user_id, std::string_view session_id) = 0;
  // Returns the renamed messages (empty when none matched).
  virtual Result<std::vector<Message>> rename_session(std::string_view user_id,
                                                      std::string_view old_session_id,
                                                      std::string_view new_session_id) = 0;
  // Distinct session ids, optionally of one flow, in order of first appearance.
  virtual Result<std::vector<std::string>> list_sessions(std::string_view user_id,
                                                         const OptString& flow_id) = 0;
  // Records who the virtual flow `id` of a public playground visit belongs to (idempotent):
  // the signed-in visitor, or nobody (a client_id cookie). Its messages are then stored, listed
  // for that visitor when asked for that flow id, and deleted with the source flow or visitor.
  virtual Status ensure_virtual_flow(std::string_view id, const OptString& visitor_id,
                                     std::string_view source_flow_id) = 0;

  // --- files v2 ---
  virtual Result<FileRecord> create_file(FileRecord file) = 0;  // conflict: (user, name) taken
  virtual Result<FileRecord> get_file(std::string_view user_id, std::string_view id) = 0;
  virtual Result<FileRecord> get_file_unscoped(std::string_view id) = 0;  // for 403 vs 404
  virtual Result<std::vector<FileRecord>> list_files(std::string_view user_id) = 0;
  virtual Result<std::vector<std::string>> file_names_with_prefix(std::string_view user_id,
                                                                  std::string_view prefix) = 0;
  virtual Result<FileRecord> update_file(std::string_view user_id, FileRecord file) = 0;
  virtual Status delete_file(std::string_view user_id, std::string_view id) = 0;
  // Returns the deleted records so the caller can remove their bytes.
  virtual Result<std::vector<FileRecord>> delete_files(std::string_view user_id,
                                                       const std::vector<std::string>& ids) = 0;
  virtual Result<std::vector<FileRecord>> delete_all_files(std::string_view user_id) = 0;

  // --- run records (owned through their flow's owner) ---
  virtual Status add_transaction(Transaction tx, RetentionLimits limits) = 0;
  // Timestamp ascending.
  virtual Result<Page<Transaction>> list_transactions(std::string_view user_id,
                                                      std::string_view flow_id,
                                                      PageRequest page) = 0;
  virtual Status delete_transactions(std::string_view user_id, std::string_view flow_id) = 0;
  virtual Status add_vertex_build(VertexBuild build, RetentionLimits limits) = 0;
  // Timestamp ascending.
  virtual Result<std::vector<VertexBuild>> list_vertex_builds(std::string_view user_id,
                                                              std::string_view flow_id) = 0;
  virtual Status delete_vertex_builds(std::string_view user_id, std::string_view flow_id) = 0;

  // One run's records, written together and in order once the caller needs them
  // stored: one transaction (shared with concurrent writers) instead of one per
  // record. Each record stands alone: one that fails (e.g. a message whose flow
  // has no row) is skipped without undoing the others. Errors only when nothing
  // could be written.
  virtual Status add_run_records(std::vector<RunRecord> records) = 0;

  // --- execution traces (owned through their flow's owner) ---
  // Written by the engine for a flow it ran; flow_id must be a flow. Spans are
  // stored with the trace (their trace_id is set to its id).
  virtual Result<Trace> add_trace(Trace trace, std::vector<Span> spans) = 0;
  virtual Result<Page<Trace>> list_traces(std::string_view user_id, const TraceQuery& query) = 0;
  virtual Result<Trace> get_trace(std::string_view user_id, std::string_view trace_id) = 0;
  // Spans of the listed traces the user owns, start_time ascending.
  virtual Result<std::vector<Span>> list_spans(std::string_view user_id,
                                               const std::vector<std::string>& trace_ids) = 0;
  virtual Status delete_trace(std::string_view user_id, std::string_view trace_id) = 0;
  virtual Status delete_traces(std::string_view user_id, std::string_view flow_id) = 0;
};

}  // namespace lfkit::store
