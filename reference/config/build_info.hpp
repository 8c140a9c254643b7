// Which lfkit this is: the project version and the git commit it was built from
// ("unknown" outside a git checkout, "-dirty" with uncommitted changes). Upstream's
// /api/v1/version reports Langflow's version; these are lfkit's own.
#pragma once

#include <string>
#include <string_view>

namespace lfkit::config {

std::string_view lfkit_version();
std::string_view lfkit_commit();
// "lfkit 0.1.0 (commit 1a2b3c4d5e6f)": the --version line and the startup line's prefix.
std::string lfkit_version_line();

}  // namespace lfkit::config
