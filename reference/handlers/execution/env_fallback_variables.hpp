// LANGFLOW_FALLBACK_TO_ENV_VAR: a load_from_db field whose global variable the user does
// not have reads the process environment variable of the same name (upstream's
// update_params_with_load_from_db_fields). An empty variable counts as unset.
#pragma once

#include "engine/services.hpp"

namespace lfkit::handlers::execution {

class EnvFallbackVariableResolver final : public engine::VariableResolver {
 public:
  EnvFallbackVariableResolver(engine::VariableResolver& inner, bool fallback_to_env)
      : inner_(inner), fallback_to_env_(fallback_to_env) {}
  std::optional<std::string> lookup(const std::string& name) override;

 private:
  engine::VariableResolver& inner_;
  bool fallback_to_env_;
};

}  // namespace lfkit::handlers::execution
