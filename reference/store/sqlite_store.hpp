// The SQLite Store (WAL). Writes go through one writer connection under `mutex_`; the hot
// run-time writes (messages, run records, API key use) share transactions through group commit.
// Reads of a file database use a pool of read connections, so they neither wait for writes nor
// for each other. Schema migrations run at open.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace lfkit::store {

class Db;
class ReadLease;
class ReaderPool;
class GroupCommit;
class ApiKeyUsage;
class ChangeClock;
class ProcessLock;
class WriteBehind;
struct PendingWrite;

class SqliteStore final : public Store {
 public:
  // `path` is a file path (created if missing) or ":memory:".
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);
  ~SqliteStore() override;

  // Highest applied schema_migrations version.
  Result<int64_t> schema_version();

  Result<User> create_user(User user) override;
  Result<User> get_user(std::string_view id) override;
  Result<User> get_user_by_username(std::string_view username) override;
  Result<UserList> list_users(int64_t skip, int64_t limit, std::string_view search) override;
  Result<User> update_user(User user) override;
  Status record_login(std::string_view id, Time when) override;
  Status delete_user(std::string_view id) override;
  Result<int64_t> count_users() override;

  Result<ApiKey> create_api_key(ApiKey key) override;
  Result<std::vector<ApiKey>> list_api_keys(std::string_view user_id) override;
  Status delete_api_key(std::string_view user_id, std::string_view key_id) override;
  Result<ApiKey> find_api_key_by_hash(std::string_view key_hash) override;
  int64_t auth_generation() override;  // in memory: see ChangeClock
  Status record_api_key_use(std::string_view key_id, Time when) override;

  Result<Folder> create_folder(Folder folder) override;
  Result<Folder> get_folder(std::string_view user_id, std::string_view folder_id) override;
  Result<std::vector<Folder>> list_folders(std::string_view user_id) override;
  Result<Folder> find_folder_by_name(std::string_view user_id, std::string_view name) override;
  Result<Folder> find_shared_folder_by_name(std::string_view name) override;
  Result<Folder> ensure_folder(std::string_view user_id, std::string_view name,
                               std::string_view description) override;
  Result<std::vector<std::string>> folder_names_with_prefix(std::string_view user_id,
                                                            std::string_view prefix) override;
  Result<Folder> update_folder(std::string_view user_id, Folder folder) override;
  Status delete_folder(std::string_view user_id, std::string_view folder_id) override;

  Result<Flow> create_flow(Flow flow) override;
  Result<Flow> get_flow(std::string_view user_id, std::string_view flow_id) override;
  Result<Flow> get_flow_unscoped(std::string_view flow_id) override;
  Result<Flow> find_flow_by_endpoint_name(std::string_view user_id,
                                          std::string_view endpoint_name) override;
  Result<Flow> find_flow_by_endpoint_name_unscoped(std::string_view endpoint_name) override;
  Result<int64_t> flows_generation() override;  // in memory: see ChangeClock
  Result<Page<Flow>> list_flows(std::string_view user_id, const FlowQuery& query) override;
  Result<Page<Flow>> list_shared_flows(const FlowQuery& query) override;
  Result<std::vector<std::string>> flow_names_with_prefix(std::string_view user_id,
                                                          std::string_view prefix) override;
  Result<std::vector<std::string>> endpoint_names_with_prefix(std::string_view user_id,
                                                              std::string_view prefix) override;
  Result<Flow> update_flow(std::string_view user_id, Flow flow) override;
  Status delete_flow(std::string_view user_id, std::string_view flow_id) override;
  Result<int64_t> delete_flows(std::string_view user_id,
                               const std::vector<std::string>& flow_ids) override;
  Result<int64_t> move_flows(std::string_view user_id, const std::vector<std::string>& flow_ids,
                             std::string_view folder_id) override;

  Result<Variable> create_variable(Variable variable) override;
  Result<Variable> get_variable(std::string_view user_id, std::string_view id) override;
  Result<Variable> find_variable_by_name(std::string_view user_id, std::string_view name) override;
  Result<std::vector<Variable>> list_variables(std::string_view user_id) override;
  Result<Variable> update_variable(std::string_view user_id, Variable variable) override;
  Status delete_variable(std::string_view user_id, std::string_view id) override;

  Result<Message> add_message(Message message) override;
  Result<Message> get_message(std::string_view user_id, std::string_view id) override;
  Result<std::vector<Message>> list_messages(std::string_view user_id,
                                             const MessageQuery& query) override;
  Result<std::vector<Message>> list_visit_messages(std::string_view owner_id,
                                                   const MessageQuery& query) override;
  Result<Message> update_message(std::string_view user_id, Message message) override;
  Result<int64_t> delete_messages(std::string_view user_id,
                                  const std::vector<std::string>& ids) override;
  Result<int64_t> delete_session(std::string_view user_id, std::string_view session_id) override;
  Result<std::vector<Message>> rename_session(std::string_view user_id,
                                              std::string_view old_session_id,
                                              std::string_view new_session_id) override;
  Result<std::vector<std::string>> list_sessions(std::string_view user_id,
                                                 const OptString& flow_id) override;
  Status ensure_virtual_flow(std::string_view id, const OptString& visitor_id,
                             std::string_view source_flow_id) override;

  Result<FileRecord> create_file(FileRecord file) override;
  Result<FileRecord> get_file(std::string_view user_id, std::string_view id) override;
  Result<FileRecord> get_file_unscoped(std::string_view id) override;
  Result<std::vector<FileRecord>> list_files(std::string_view user_id) override;
  Result<std::vector<std::string>> file_names_with_prefix(std::string_view user_id,
                                                          std::string_view prefix) override;
  Result<FileRecord> update_file(std::string_view user_id, FileRecord file) override;
  Status delete_file(std::string_view user_id, std::string_view id) override;
  Result<std::vector<FileRecord>> delete_files(std::string_view user_id,
                                               const std::vector<std::string>& ids) override;
  Result<std::vector<FileRecord>> delete_all_files(std::string_view user_id) override;

  Status add_transaction(Transaction tx, RetentionLimits limits) override;
  Result<Page<Transaction>> list_transactions(std::string_view user_id, std::string_view flow_id,
                                              PageRequest page) override;
  Status delete_transactions(std::string_view user_id, std::string_view flow_id) override;
  Status add_vertex_build(VertexBuild build, RetentionLimits limits) override;
  Result<std::vector<VertexBuild>> list_vertex_builds(std::string_view user_id,
                                                      std::string_view flow_id) override;
  Status delete_vertex_builds(std::string_view user_id, std::string_view flow_id) override;
  // Queued and written behind (sqlite_write_behind.hpp); reads of these tables wait for them.
  Status add_run_records(std::vector<RunRecord> records) override;  // sqlite_run_records.cpp

  // sqlite_traces.cpp
  Result<Trace> add_trace(Trace trace, std::vector<Span> spans) override;
  Result<Page<Trace>> list_traces(std::string_view user_id, const TraceQuery& query) override;
  Result<Trace> get_trace(std::string_view user_id, std::string_view trace_id) override;
  Result<std::vector<Span>> list_spans(std::string_view user_id,
                                       const std::vector<std::string>& trace_ids) override;
  Status delete_trace(std::string_view user_id, std::string_view trace_id) override;
  Status delete_traces(std::string_view user_id, std::string_view flow_id) override;

 private:
  SqliteStore(std::unique_ptr<ProcessLock> lock, std::unique_ptr<Db> db,
              std::unique_ptr<ReaderPool> readers);

  // The writer lock. Released after the write's transaction has ended, and then the change
  // clock publishes what the write touched.
  class WriterGuard {
   public:
    explicit WriterGuard(SqliteStore& store);
    WriterGuard(const WriterGuard&) = delete;
    WriterGuard& operator=(const WriterGuard&) = delete;
    ~WriterGuard();

   private:
    std::lock_guard<std::mutex> lock_;
    ChangeClock& clock_;
  };

  // A connection for one read call (sqlite_store.cpp).
  Result<ReadLease> reader();
  // Runs `write` on the writer inside a group transaction; returns once committed.
  Status group_write(const std::function<Status(Db&)>& write);
  void run_batch(const std::vector<PendingWrite*>& batch);  // sqlite_batch.cpp
  Status flush_key_usage();
  // The write-behind queue's batch writer, and the barrier before touching run-record tables.
  Status write_run_records(std::vector<RunRecord>& records);
  Status write_run_record(Db& db, RunRecord& record);
  void await_run_records();
  // Single writes on the writer connection (inside a group transaction).
  Status write_message(Db& db, Message& message);
  Status write_message_update(Db& db, std::string_view user_id, const Message& message);
  // Inserts; the global retention caps are applied by trim_run_records, once per write.
  Status write_transaction(Db& db, Transaction& tx);
  Status write_vertex_build(Db& db, VertexBuild& build, RetentionLimits limits);
  Status trim_run_records(Db& db, RetentionLimits transactions, RetentionLimits vertex_builds);
  void forget_row_counts();

  // Declared first, so released last: after every connection is closed.
  std::unique_ptr<ProcessLock> lock_;   // null for ":memory:"
  std::unique_ptr<ChangeClock> clock_;  // outlives db_, whose update hook points at it
  std::mutex mutex_;  // the writer: held for each write, and for a whole group transaction
  std::unique_ptr<Db> db_;
  std::unique_ptr<ReaderPool> readers_;  // null for ":memory:": reads use db_ under mutex_
  std::unique_ptr<ApiKeyUsage> key_usage_;
  std::unique_ptr<GroupCommit> group_;
  std::unique_ptr<WriteBehind> behind_;  // emptied and stopped first in the destructor
  // Row counts for retention, counted once then tracked (under mutex_); unset = recount.
  std::optional<int64_t> transaction_rows_;
  std::optional<int64_t> vertex_build_rows_;
};

}  // namespace lfkit::store
