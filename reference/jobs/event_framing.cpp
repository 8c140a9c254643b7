#include "jobs/event_framing.hpp"

namespace lfkit::jobs {

std::string frame_event(std::string_view name, const nlohmann::json& data) {
  // Upstream's key order: event first.
  nlohmann::ordered_json event;
  event["event"] = name;
  event["data"] = data;
  return event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
}

}  // namespace lfkit::jobs
