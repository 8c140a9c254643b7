// RapidCheck generators driven by a draft-07 JSON Schema document (the
// self-contained form draft7_schema() returns): values that match the schema,
// and mutations of them that usually do not.
#pragma once

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

namespace speccc_test {

using nlohmann::json;

// Values valid for `root` (a document with "definitions"; "#/definitions/X"
// references resolve against it).
rc::Gen<json> valid_value(const json& root);

// Any JSON value, depth-limited.
rc::Gen<json> any_json(int depth = 3);

// A valid value with one random edit: a key dropped, a subtree replaced by a
// value of another type or by another value of the same type, or the whole
// value replaced by random JSON.
rc::Gen<json> mutated_value(const json& root);

}  // namespace speccc_test
