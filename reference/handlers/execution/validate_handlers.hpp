// Validate tag: prompt templates (full upstream behaviour) and Python code (static,
// lexical checks only: lfkit cannot import modules or execute definitions).
#pragma once

#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::execution {

class ValidateHandlers final : public api::ValidateHandlers {
 public:
  void post_validate_code(api::Context& ctx, const api::req::post_validate_code& request) override;
  void post_validate_prompt(api::Context& ctx,
                            const api::req::post_validate_prompt& request) override;
};

}  // namespace lfkit::handlers::execution
