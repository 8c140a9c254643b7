// lfkit::api::Context: one HTTP exchange as a handler sees it. The generated
// handler interfaces take a Context&; this is its definition.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "config/settings.hpp"
#include "http/server.hpp"

namespace lfkit::api {

class Context {
 public:
  Context(std::shared_ptr<http::Exchange> exchange, const config::Settings& settings)
      : exchange_(std::move(exchange)), settings_(settings) {}

  const http::Request& request() const { return exchange_->request(); }
  const config::Settings& settings() const { return settings_; }
  http::Exchange& exchange() { return *exchange_; }

  void respond_json(int status, const nlohmann::json& body);
  // Langflow's error shape: {"detail": "<message>"}.
  void respond_detail(int status, std::string_view detail);
  bool responded() const { return responded_; }

 private:
  std::shared_ptr<http::Exchange> exchange_;
  const config::Settings& settings_;
  bool responded_ = false;
};

}  // namespace lfkit::api
