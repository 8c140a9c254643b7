#include "handlers/health_handlers.hpp"

#include "api/context.hpp"

namespace lfkit::handlers {

// Upstream answers {"status": "ok"} while the process is serving.
void HealthHandlers::health(api::Context& ctx, const api::req::health&) {
  ctx.respond_json(200, {{"status", "ok"}});
}

// The detailed probe reports each dependency; lfkit's store is embedded, so
// reaching this handler means it is open.
void HealthHandlers::health_check(api::Context& ctx, const api::req::health_check&) {
  ctx.respond_json(200, {{"status", "ok"}, {"chat", "ok"}, {"db", "ok"}});
}

}  // namespace lfkit::handlers
