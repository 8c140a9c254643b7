// Mounts this module's handler groups: Log retrieval (/logs, /logs-stream).
#include "handlers/mount.hpp"
#include "handlers/logs/log_handlers.hpp"

namespace lfkit::handlers {

void mount_logs(api::HandlerSet& set, const MountContext& context) {
  set.log = std::make_shared<LogHandlers>(context.logs);
}

}  // namespace lfkit::handlers
