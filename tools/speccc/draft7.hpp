// Translation of OpenAPI 3.1 (JSON Schema 2020-12) schemas into draft-07 for
// valijson: $refs point into "definitions", formats become the regular
// expressions the generated validators implement, annotations are dropped.
#pragma once

#include "spec_model.hpp"

namespace speccc {

// A self-contained draft-07 document for `schema`, carrying every component it
// references under "definitions".
json draft7_document(const Spec& spec, const json& schema);

}  // namespace speccc
