// The routing/validation layer: turns a transport exchange into a call of a
// generated handler interface, answering 404/405/307/422/501 itself.
#pragma once

#include <memory>

#include "api/auth_services.hpp"
#include "config/settings.hpp"
#include "http/server.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::api {

class App {
 public:
  // Without `services` no authentication is enforced (routing-only tests).
  App(const config::Settings& settings, HandlerSet handlers,
      std::shared_ptr<const Services> services = nullptr)
      : settings_(settings), handlers_(std::move(handlers)), services_(std::move(services)) {}

  // The transport's handler entry point (runs on an I/O thread).
  void handle(std::shared_ptr<http::Exchange> exchange) const;

  const HandlerSet& handlers() const { return handlers_; }

 private:
  const config::Settings& settings_;
  HandlerSet handlers_;
  std::shared_ptr<const Services> services_;
};

}  // namespace lfkit::api
