// Flows with an `fs_path` are mirrored as JSON files under
// <config dir>/flows/<owner id>/, as upstream does; paths cannot leave that folder.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "handlers/flows/flow_service.hpp"
#include "store/entities.hpp"

namespace lfkit::handlers::flows {

// The resolved file for `fs_path` inside the owner's flows folder, or upstream's 400s
// (empty, "..", NUL, absolute outside the folder, symlinks leading out).
Outcome<std::filesystem::path> safe_flow_path(const std::string& config_dir,
                                              const std::string& user_id, std::string_view fs_path);

// Writes the flow's JSON to its fs_path (no-op without one); 500 when the disk refuses.
Outcome<void> save_flow_to_fs(const std::string& config_dir, const store::Flow& flow);

}  // namespace lfkit::handlers::flows
