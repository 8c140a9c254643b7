// gzip decoding for responses sent with Content-Encoding: gzip (Langflow
// compresses some list endpoints regardless of Accept-Encoding).
#pragma once

#include <string>
#include <string_view>

#include "common/expected.hpp"

namespace lfkit::conformance {

Expected<std::string, std::string> gunzip(std::string_view compressed);
// Used by tests and the mutation proxy to produce gzip bodies.
std::string gzip(std::string_view plain);

}  // namespace lfkit::conformance
