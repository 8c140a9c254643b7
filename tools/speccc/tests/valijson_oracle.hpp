// valijson as the reference validator: one parsed schema per component,
// parsed on first use and kept.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace speccc_test {

// true when valijson (strong types) accepts `value` for the component.
bool valijson_accepts(std::string_view component, const nlohmann::json& value);

}  // namespace speccc_test
