// Converts a YAML document into nlohmann::json using YAML 1.2 core-schema
// scalar resolution (quoted scalars stay strings; plain ones may be null,
// bool, integer or float).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "spec_error.hpp"

namespace speccc {

// Parses the YAML file at `path`. Errors name the file, line and column.
Result<nlohmann::json> load_yaml_file(const std::string& path);

}  // namespace speccc
