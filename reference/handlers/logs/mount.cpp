// Mounts this module's handler groups: Log retrieval (/logs, /logs-stream).
#include "handlers/mount.hpp"

namespace lfkit::handlers {

void mount_logs(api::HandlerSet& /*set*/, const MountContext& /*context*/) {}

}  // namespace lfkit::handlers
