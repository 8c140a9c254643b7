// lfkit::api::Context: one HTTP exchange as a handler sees it. The generated
// handler interfaces take a Context&; this is its definition.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "config/settings.hpp"
#include "http/server.hpp"

namespace lfkit::api {

// JSON text of a response body. Request bytes echoed back (e.g. the "input" of
// a 422 item) may be invalid UTF-8: they become U+FFFD instead of throwing.
std::string dump_json(const nlohmann::json& body);

// Who is calling, as established by the auth layer before dispatch.
struct Caller {
  std::string user_id;
  bool is_superuser = false;
  bool is_active = true;  // as read with the credentials (get_current_active_user checks it)
};

class Context {
 public:
  Context(std::shared_ptr<http::Exchange> exchange, const config::Settings& settings)
      : exchange_(std::move(exchange)), settings_(settings) {}

  const http::Request& request() const { return exchange_->request(); }
  const config::Settings& settings() const { return settings_; }
  http::Exchange& exchange() { return *exchange_; }
  // For answering later from another thread (e.g. a run pool task): keep this and
  // build a Context from it there. The exchange must still be answered exactly once.
  std::shared_ptr<http::Exchange> shared_exchange() const { return exchange_; }

  void respond_json(int status, const nlohmann::json& body);
  // A body that already is JSON text (hot paths that write text directly).
  void respond_json_text(int status, std::string body);
  // Langflow's error shape: {"detail": "<message>"}.
  void respond_detail(int status, std::string_view detail);
  // A complete response, e.g. one that also sets cookies.
  void respond(http::Response response);
  bool responded() const { return responded_; }

  // The operationId being served (set by the router; empty in a Context built later, where
  // the error log looks it up from the request).
  void set_operation(std::string_view operation_id) { operation_ = operation_id; }

  // Empty for public operations called without credentials.
  const std::optional<Caller>& caller() const { return caller_; }
  void set_caller(std::optional<Caller> caller) { caller_ = std::move(caller); }

 private:
  std::shared_ptr<http::Exchange> exchange_;
  const config::Settings& settings_;
  bool responded_ = false;
  std::optional<Caller> caller_;
  std::string_view operation_;  // points into the static operation table

  // Every answer goes through here: a 5xx logs its cause (error_log.hpp) first.
  void send(http::Response response);
};

}  // namespace lfkit::api
