// Health Check tag: liveness probes, public.
#pragma once

#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

class HealthHandlers : public api::HealthcheckHandlers {
 public:
  void health(api::Context& ctx, const api::req::health& request) override;
  void health_check(api::Context& ctx, const api::req::health_check& request) override;
};

}  // namespace lfkit::handlers
