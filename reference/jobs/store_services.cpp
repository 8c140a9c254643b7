#include "jobs/store_services.hpp"

#include <algorithm>
#include <cctype>

namespace lfkit::jobs {
namespace {

store::Message to_row(const engine::Message& m) {
  store::Message row;
  row.id = m.id;
  row.timestamp = m.timestamp;
  row.sender = m.sender;
  row.sender_name = m.sender_name;
  row.session_id = m.session_id;
  row.text = m.text;
  row.files_json = m.files.dump();
  row.error = m.error;
  if (!m.flow_id.empty()) row.flow_id = m.flow_id;
  row.properties_json = m.properties_json_text();
  row.category = m.category;
  return row;
}

engine::Message from_row(const store::Message& row) {
  engine::Message m;
  m.id = row.id;
  m.text = row.text;
  m.sender = row.sender;
  m.sender_name = row.sender_name;
  m.session_id = row.session_id;
  m.flow_id = row.flow_id.value_or("");
  m.timestamp = row.timestamp;
  m.category = row.category;
  m.error = row.error;
  m.files = nlohmann::json::parse(row.files_json, nullptr, false);
  if (!m.files.is_array()) m.files = nlohmann::json::array();
  return m;
}

}  // namespace

void StoreMessageStore::add(const engine::Message& message) {
  // A failure (e.g. no such flow row for a public build) leaves the message
  // announce-only, as the engine does without a store.
  if (buffer_) return buffer_->add(store::MessageAdd{to_row(message)});
  (void)store_.add_message(to_row(message));
}

void StoreMessageStore::update(const engine::Message& message) {
  if (buffer_) return buffer_->add(store::MessageUpdate{user_id_, to_row(message)});
  (void)store_.update_message(user_id_, to_row(message));
}

std::vector<engine::Message> StoreMessageStore::history(const std::string& session_id, size_t limit,
                                                        const std::string& sender) {
  if (buffer_) buffer_->flush();  // this run's own messages belong to the history
  store::MessageQuery query;
  query.session_id = session_id;
  if (!sender.empty()) query.sender = sender;
  query.newest_first = true;
  if (limit > 0) query.limit = static_cast<int64_t>(limit);
  if (visit_flow_id_) query.flow_id = *visit_flow_id_;
  auto rows = visit_flow_id_ ? store_.list_visit_messages(user_id_, query)
                             : store_.list_messages(user_id_, query);
  std::vector<engine::Message> out;
  if (!rows) return out;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) out.push_back(from_row(*it));
  return out;
}

void StoreRunRecorder::record_vertex_build(engine::VertexBuildRecord record) {
  store::VertexBuild row;
  row.build_id = std::move(record.build_id);
  row.vertex_id = std::move(record.vertex_id);
  row.flow_id = std::move(record.flow_id);
  row.valid = record.valid;
  row.params = std::move(record.params);
  row.data_json = std::move(record.data_json);
  row.artifacts_json = std::move(record.artifacts_json);
  if (!record.job_id.empty()) row.job_id = std::move(record.job_id);
  if (buffer_) return buffer_->add(store::VertexBuildAdd{std::move(row), kVertexBuildRetention});
  (void)store_.add_vertex_build(std::move(row), kVertexBuildRetention);
}

void StoreRunRecorder::record_transaction(engine::TransactionRecord record) {
  store::Transaction row;
  row.id = std::move(record.id);
  row.vertex_id = std::move(record.vertex_id);
  row.target_id = std::move(record.target_id);
  row.inputs_json = std::move(record.inputs_json);
  row.outputs_json = std::move(record.outputs_json);
  row.status = std::move(record.status);
  row.error = std::move(record.error);
  row.flow_id = std::move(record.flow_id);
  if (buffer_) return buffer_->add(store::TransactionAdd{std::move(row), kTransactionRetention});
  (void)store_.add_transaction(std::move(row), kTransactionRetention);
}

std::optional<std::string> StoreVariableResolver::lookup(const std::string& name) {
  if (auto it = request_variables_.find(name); it != request_variables_.end()) return it->second;
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (auto it = request_variables_.find(upper); it != request_variables_.end()) return it->second;
  if (user_id_.empty()) return std::nullopt;
  auto variable = store_.find_variable_by_name(user_id_, name);
  if (!variable) return std::nullopt;
  auto plain = box_.decrypt(variable->value);
  if (plain) return *plain;
  return variable->value;  // stored before encryption was in place
}

std::map<std::string, std::string> global_variables_from_headers(const http::Headers& headers) {
  static constexpr std::string_view kPrefix = "x-langflow-global-var-";
  std::map<std::string, std::string> out;
  for (const auto& field : headers.fields()) {
    if (field.name.size() <= kPrefix.size()) continue;
    if (!http::iequals(std::string_view(field.name).substr(0, kPrefix.size()), kPrefix)) continue;
    std::string name = field.name.substr(kPrefix.size());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    out[name] = field.value;
  }
  return out;
}

}  // namespace lfkit::jobs
