// Mounts this module's handler groups: Components Store (as upstream answers with no store
// configured).
#include "handlers/mount.hpp"
#include "handlers/components_store/components_store_handlers.hpp"

namespace lfkit::handlers {

void mount_components_store(api::HandlerSet& set, const MountContext& context) {
  set.componentsstore = std::make_shared<ComponentsStoreHandlers>(context.services);
}

}  // namespace lfkit::handlers
