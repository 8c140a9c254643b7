// Builds the smallest JSON instance a draft-07 schema accepts (required
// properties only, first enum value, defaults when given), for requests the
// suites must make valid.
#pragma once

#include <nlohmann/json.hpp>

namespace lfkit::conformance {

nlohmann::json minimal_instance(const nlohmann::json& schema, const nlohmann::json& root,
                                int depth = 0);

}  // namespace lfkit::conformance
