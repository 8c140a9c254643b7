// Mounts this module's handler groups: Flows and Flow Events.
#include "handlers/mount.hpp"

namespace lfkit::handlers {

void mount_flows(api::HandlerSet& /*set*/, const MountContext& /*context*/) {}

}  // namespace lfkit::handlers
