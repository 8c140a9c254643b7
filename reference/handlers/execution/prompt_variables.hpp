// Upstream's prompt template validation (/api/v1/validate/prompt): variable
// extraction with Python's str.format grammar (or simple {{var}} mustache), the
// same checks and error texts, and the frontend-node update that adds one field
// per variable and drops fields of variables that are gone.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/expected.hpp"

namespace lfkit::handlers::execution {

// Python's string.Formatter().parse field names, first occurrence order, without
// empty names; the error is Python's ValueError text.
Expected<std::vector<std::string>, std::string> format_field_names(const std::string& text);

// validate_prompt: the template's input variables, or the ValueError text.
Expected<std::vector<std::string>, std::string> prompt_input_variables(const std::string& text,
                                                                       bool mustache);

// process_prompt_template's effect on the frontend node (template + custom_fields).
// Fails with the HTTP detail text upstream ends up sending.
Expected<void, std::string> apply_prompt_variables(nlohmann::ordered_json& frontend_node,
                                                   const std::string& name,
                                                   const std::vector<std::string>& variables);

}  // namespace lfkit::handlers::execution
