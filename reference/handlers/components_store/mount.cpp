// Mounts this module's handler groups: Components Store (as upstream answers with no store configured).
#include "handlers/mount.hpp"

namespace lfkit::handlers {

void mount_components_store(api::HandlerSet& /*set*/, const MountContext& /*context*/) {}

}  // namespace lfkit::handlers
