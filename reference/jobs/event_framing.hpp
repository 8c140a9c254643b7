// How engine events travel over HTTP: upstream's EventManager writes each event as
// one JSON object {"event": name, "data": payload} followed by a blank line. The
// same framing serves /run?stream=true (text/event-stream, not SSE fields) and the
// /build event streams (application/x-ndjson).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lfkit::jobs {

// {"event": name, "data": data} + "\n\n".
std::string frame_event(std::string_view name, const nlohmann::json& data);

}  // namespace lfkit::jobs
