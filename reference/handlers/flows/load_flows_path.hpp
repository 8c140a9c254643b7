// LANGFLOW_LOAD_FLOWS_PATH: at startup, every *.json flow export in that folder is stored
// for the superuser, as upstream's load_flows_from_directory: a file named <uuid>.json takes
// that id; a flow whose id (or endpoint name) is already stored is updated, any other is
// created in the superuser's default project. Upstream does this only with AUTO_LOGIN on.
#pragma once

#include <string>
#include <vector>

#include "api/auth_services.hpp"

namespace lfkit::handlers::flows {

// What happened, one line per file (for the startup log); problems are reported, not fatal.
std::vector<std::string> load_flows_from_directory(std::shared_ptr<const api::Services> services);

}  // namespace lfkit::handlers::flows
