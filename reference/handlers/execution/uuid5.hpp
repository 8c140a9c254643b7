// RFC 4122 name-based UUIDs (SHA-1), as Python's uuid.uuid5.
#pragma once

#include <string>
#include <string_view>

namespace lfkit::handlers::execution {

// uuid5(NAMESPACE_DNS, name) in canonical lower-case form.
std::string uuid5_dns(std::string_view name);

}  // namespace lfkit::handlers::execution
