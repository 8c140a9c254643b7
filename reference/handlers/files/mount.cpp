// Mounts this module's handler groups: Files v1 (per flow), v2 (per user) and profile pictures.
#include "handlers/mount.hpp"
#include "handlers/files/files_handlers.hpp"

namespace lfkit::handlers {

void mount_files(api::HandlerSet& set, const MountContext& context) {
  set.files = std::make_shared<FilesHandlers>(context.services);
}

}  // namespace lfkit::handlers
