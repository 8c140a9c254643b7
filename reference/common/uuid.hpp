// Langflow ids are random (v4) UUIDs in canonical lower-case form. Parsing
// UUIDs from requests is the generated parsers' job (lfkit::api::canonical_uuid).
#pragma once

#include <string>

namespace lfkit {

// A new random v4 UUID, canonical lower-case 8-4-4-4-12 form.
std::string new_uuid();

// A new time-ordered v7 UUID (RFC 9562: 48-bit Unix milliseconds, then random bits), same
// form. For rows written at run time (messages, transactions, vertex builds): ids that grow
// with time append to their primary-key index instead of touching a random page of it per
// row, which is most of what a large table's inserts cost. Still an opaque, unique UUID.
std::string new_time_ordered_uuid();

}  // namespace lfkit
