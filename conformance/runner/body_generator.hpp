// Builds the smallest JSON instance a draft-07 schema accepts (required
// properties only, first enum value, defaults when given), for requests the
// suites must make valid.
#pragma once

#include <nlohmann/json.hpp>

namespace lfkit::conformance {

nlohmann::json minimal_instance(const nlohmann::json& schema, const nlohmann::json& root,
                                int depth = 0);

// Follows local $refs and single-branch allOf wrappers to the schema that
// says what the value is.
const nlohmann::json& resolve_schema(const nlohmann::json& schema, const nlohmann::json& root);

// Whether a (parameter) schema text describes a UUID: the spec compiler
// turns format: uuid into the UUID regular expression.
bool is_uuid_schema(std::string_view schema_json);

}  // namespace lfkit::conformance
