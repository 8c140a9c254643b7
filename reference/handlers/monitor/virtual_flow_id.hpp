// Langflow's compute_virtual_flow_id: uuid5(NAMESPACE_DNS, "<identifier>_<flow_id>"),
// the flow id under which a user's messages of a shared (public) flow are kept.
#pragma once

#include <string>
#include <string_view>

namespace lfkit::handlers::monitor {

// RFC 4122 name-based UUID (SHA-1, version 5), canonical lower-case form.
std::string uuid5(std::string_view namespace_uuid, std::string_view name);
std::string virtual_flow_id(std::string_view identifier, std::string_view flow_id);

}  // namespace lfkit::handlers::monitor
