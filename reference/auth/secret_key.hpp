// The server's signing secret: LANGFLOW_SECRET_KEY when set, otherwise a random key
// generated once and persisted at {config_dir}/secret_key (mode 0600) so tokens survive restarts.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "common/expected.hpp"

namespace lfkit::auth {

struct SecretKeyError {
  std::string message;
};

Expected<std::string, SecretKeyError> load_or_create_secret_key(
    const std::optional<std::string>& configured, const std::filesystem::path& config_dir);

}  // namespace lfkit::auth
