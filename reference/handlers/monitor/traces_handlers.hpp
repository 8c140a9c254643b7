// Traces tag: the caller's execution traces (one per flow run) and their span
// trees. Traces of another user's flows behave like missing ones.
#pragma once

#include <memory>

#include "api/auth_services.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

class TracesHandlers : public api::TracesHandlers {
 public:
  explicit TracesHandlers(std::shared_ptr<const api::Services> services)
      : services_(std::move(services)) {}

  void get_traces(api::Context& ctx, const api::req::get_traces& request) override;
  void delete_traces_by_flow(api::Context& ctx,
                             const api::req::delete_traces_by_flow& request) override;
  void get_trace(api::Context& ctx, const api::req::get_trace& request) override;
  void delete_trace(api::Context& ctx, const api::req::delete_trace& request) override;

 private:
  std::shared_ptr<const api::Services> services_;
};

}  // namespace lfkit::handlers
