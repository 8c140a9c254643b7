#include "engine/in_memory_services.hpp"

namespace lfkit::engine {

void InMemoryMessageStore::add(const Message& message) {
  std::lock_guard lock(mutex_);
  messages_.push_back(message);
}

void InMemoryMessageStore::update(const Message& message) {
  std::lock_guard lock(mutex_);
  for (Message& stored : messages_) {
    if (stored.id == message.id) stored = message;
  }
}

std::vector<Message> InMemoryMessageStore::history(const std::string& session_id, size_t limit,
                                                   const std::string& sender) {
  std::lock_guard lock(mutex_);
  std::vector<Message> out;
  for (const Message& m : messages_) {
    if (m.session_id == session_id && (sender.empty() || m.sender == sender)) out.push_back(m);
  }
  if (limit > 0 && out.size() > limit) out.erase(out.begin(), out.end() - static_cast<long>(limit));
  return out;
}

std::vector<Message> InMemoryMessageStore::all() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

void InMemoryRunRecorder::record_vertex_build(VertexBuildRecord record) {
  std::lock_guard lock(mutex_);
  builds_.push_back(std::move(record));
}

void InMemoryRunRecorder::record_transaction(TransactionRecord record) {
  std::lock_guard lock(mutex_);
  transactions_.push_back(std::move(record));
}

std::vector<VertexBuildRecord> InMemoryRunRecorder::builds() const {
  std::lock_guard lock(mutex_);
  return builds_;
}

std::vector<TransactionRecord> InMemoryRunRecorder::transactions() const {
  std::lock_guard lock(mutex_);
  return transactions_;
}

std::optional<std::string> MapVariableResolver::lookup(const std::string& name) {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

Expected<std::string, std::string> EchoLanguageModel::complete(
    const LanguageModelRequest& request,
    const std::function<bool(std::string_view chunk)>& on_token) {
  const std::string text = "Echo: " + request.input;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find(' ', begin + 1);
    if (end == std::string::npos) end = text.size();
    if (!on_token(std::string_view(text).substr(begin, end - begin)))
      return unexpected(std::string("cancelled"));
    begin = end;
  }
  return text;
}

}  // namespace lfkit::engine
