// The routing/validation layer: turns a transport exchange into a call of a
// generated handler interface, answering 404/405/307/422/501 itself.
#pragma once

#include <memory>

#include "config/settings.hpp"
#include "http/server.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::api {

class App {
 public:
  App(const config::Settings& settings, HandlerSet handlers)
      : settings_(settings), handlers_(std::move(handlers)) {}

  // The transport's handler entry point (runs on an I/O thread).
  void handle(std::shared_ptr<http::Exchange> exchange) const;

  const HandlerSet& handlers() const { return handlers_; }

 private:
  const config::Settings& settings_;
  HandlerSet handlers_;
};

}  // namespace lfkit::api
