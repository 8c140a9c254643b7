// Mounts this module's handler groups: Monitor (messages, sessions, builds, transactions) and Traces.
#include "handlers/mount.hpp"

namespace lfkit::handlers {

void mount_monitor(api::HandlerSet& /*set*/, const MountContext& /*context*/) {}

}  // namespace lfkit::handlers
