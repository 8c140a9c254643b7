// Upstream's process_tweaks: per-node tweaks (by node id or display name) and global
// field-name tweaks, applied to node templates before a run.
#pragma once

#include <nlohmann/json.hpp>

#include "engine/flow_model.hpp"

namespace lfkit::engine {

// Unknown nodes and fields are ignored; the "code" field is never changed.
void apply_tweaks(FlowData& flow, const nlohmann::json& tweaks);

// Sets one template field's value as a scalar tweak would (load_from_db off).
void set_field_value(FlowNode& node, const std::string& field, const nlohmann::json& value);

}  // namespace lfkit::engine
