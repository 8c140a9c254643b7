#include "handlers/execution/env_fallback_variables.hpp"

#include <cstdlib>

namespace lfkit::handlers::execution {

std::optional<std::string> EnvFallbackVariableResolver::lookup(const std::string& name) {
  if (auto found = inner_.lookup(name)) return found;
  if (!fallback_to_env_ || name.empty()) return std::nullopt;
  const char* value = std::getenv(name.c_str());  // getenv is safe: nothing calls setenv
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

}  // namespace lfkit::handlers::execution
