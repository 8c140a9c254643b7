#include "handlers/flows/flow_fs.hpp"

#include <algorithm>
#include <fstream>

#include "handlers/flows/flow_json.hpp"

namespace lfkit::handlers::flows {
namespace fs = std::filesystem;

Outcome<fs::path> safe_flow_path(const std::string& config_dir, const std::string& user_id,
                                 std::string_view fs_path) {
  if (fs_path.empty()) return lfkit::unexpected(HttpError::detail(400, "fs_path cannot be empty"));
  std::string normalized(fs_path);
  std::replace(normalized.begin(), normalized.end(), '\\', '/');
  if (normalized.find("..") != std::string::npos) {
    return lfkit::unexpected(
        HttpError::detail(400, "Invalid fs_path: directory traversal (..) is not allowed"));
  }
  if (normalized.find('\0') != std::string::npos) {
    return lfkit::unexpected(HttpError::detail(400, "Invalid fs_path: null bytes are not allowed"));
  }
  std::error_code ec;
  fs::path base = fs::weakly_canonical(fs::path(config_dir) / "flows" / user_id, ec);
  if (ec)
    return lfkit::unexpected(HttpError::detail(400, "Invalid base directory: " + ec.message()));
  bool absolute = normalized.starts_with("/") || (normalized.size() > 1 && normalized[1] == ':');
  auto relative = normalized.substr(normalized.find_first_not_of('/') == std::string::npos
                                        ? normalized.size()
                                        : normalized.find_first_not_of('/'));
  fs::path candidate = absolute ? fs::path(normalized) : base / relative;
  fs::path resolved = fs::weakly_canonical(candidate, ec);  // follows symlinks that exist
  if (ec) return lfkit::unexpected(HttpError::detail(400, "Invalid path: " + ec.message()));
  auto [base_end, _] = std::mismatch(base.begin(), base.end(), resolved.begin(), resolved.end());
  if (base_end != base.end()) {
    return lfkit::unexpected(
        HttpError::detail(400, absolute ? "Absolute path must be within your flows directory"
                                        : "Invalid path: resolves outside allowed directory"));
  }
  return resolved;
}

Outcome<void> save_flow_to_fs(const std::string& config_dir, const store::Flow& flow) {
  if (!flow.fs_path || !flow.user_id) return {};
  auto path = safe_flow_path(config_dir, *flow.user_id, *flow.fs_path);
  if (!path) return lfkit::unexpected(path.error());
  std::error_code ec;
  fs::create_directories(path->parent_path(), ec);
  std::ofstream out(*path, std::ios::binary | std::ios::trunc);
  if (ec || !out) {
    return lfkit::unexpected(HttpError::detail(
        500, "Failed to write flow to filesystem: cannot open " + path->string()));
  }
  out << flow_read_json(flow).dump();
  if (!out.flush()) {
    return lfkit::unexpected(
        HttpError::detail(500, "Failed to write flow to filesystem: write failed"));
  }
  return {};
}

}  // namespace lfkit::handlers::flows
