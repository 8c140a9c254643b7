// Langflow ids are random (v4) UUIDs in canonical lower-case form. Parsing
// UUIDs from requests is the generated parsers' job (lfkit::api::canonical_uuid).
#pragma once

#include <string>

namespace lfkit {

// A new random v4 UUID, canonical lower-case 8-4-4-4-12 form.
std::string new_uuid();

}  // namespace lfkit
