// Mounts this module's handler groups: Projects and the legacy Folders alias.
#include "handlers/mount.hpp"
#include "handlers/projects/folders_redirect.hpp"
#include "handlers/projects/projects_handlers.hpp"

namespace lfkit::handlers {

void mount_projects(api::HandlerSet& set, const MountContext& context) {
  set.projects = std::make_shared<projects::ProjectsHandlers>(context.services);
  set.folders = std::make_shared<projects::FoldersRedirect>();
}

}  // namespace lfkit::handlers
