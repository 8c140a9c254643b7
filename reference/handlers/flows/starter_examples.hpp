// The built-in example flows (our own, in Langflow's export shape) and their
// seeding into the shared "Starter Projects" folder.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace lfkit::handlers::flows {

// The embedded JSON texts (generated from starter/*.json at build time).
const std::vector<std::string_view>& starter_example_texts();
// The same, parsed: one flow export object each.
const std::vector<nlohmann::json>& starter_examples();

// Ensures the shared "Starter Projects" folder and one null-owner flow per
// example exist (matched by the example's fixed id), so restarts add nothing.
store::Status seed_starter_examples(store::Store& store);

}  // namespace lfkit::handlers::flows
