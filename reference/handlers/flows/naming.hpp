// Langflow's automatic renaming on collisions, as pure functions over the names
// that already exist (the store supplies them by prefix).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lfkit::handlers::flows {

// Flow names: "<name> (N)" with N one above the highest "<name> (k)" in `existing`
// (the owner's flow names that start with `name`); `name` itself when free.
std::string unique_flow_name(std::string_view name, const std::vector<std::string>& existing);

// Endpoint names: "<endpoint>-N" with N one above the highest numeric tail after
// the last '-' among names starting with "<endpoint>-"; `endpoint` itself when free.
std::string unique_endpoint_name(std::string_view endpoint,
                                 const std::vector<std::string>& existing);

// Project names: "<name> (N)" where N is one above the highest number found in
// parentheses among the owner's project names starting with `name`.
std::string unique_project_name(std::string_view name, const std::vector<std::string>& existing);

// Whether an endpoint name matches ^[a-zA-Z0-9_-]+$.
bool valid_endpoint_name(std::string_view endpoint);

}  // namespace lfkit::handlers::flows
