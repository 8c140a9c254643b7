// Mounts this module's handler groups: Monitor (messages, sessions, builds, transactions)
// and Traces.
#include "handlers/mount.hpp"
#include "handlers/monitor/monitor_handlers.hpp"
#include "handlers/monitor/traces_handlers.hpp"

namespace lfkit::handlers {

void mount_monitor(api::HandlerSet& set, const MountContext& context) {
  set.monitor = std::make_shared<MonitorHandlers>(context.services, context.jobs);
  set.traces = std::make_shared<TracesHandlers>(context.services);
}

}  // namespace lfkit::handlers
