#include "conformance/suites/stream_exchange.hpp"

namespace lfkit::conformance {

StreamLimits suite_stream_limits() {
  return {std::chrono::milliseconds(10000), std::chrono::milliseconds(5000), 2000};
}

StreamedExchange read_stream(SuiteContext& ctx, const HttpRequest& request, Framing framing,
                             bool stop_at_terminal) {
  StreamedExchange out;
  out.exchange.request = request;
  const auto t0 = std::chrono::steady_clock::now();
  auto stream = ctx.client().open_stream(request);
  if (!stream) {
    out.exchange.net_error = stream.error().message;
    return out;
  }
  out.opened = true;
  HttpResponse response;
  response.status = (*stream)->status();
  response.headers = (*stream)->headers();
  if (response.status == 200) {
    out.read = read_stream_events(
        **stream, framing, suite_stream_limits(),
        [&](const StreamEvent& e) {
          return !(stop_at_terminal && (e.name == "end" || e.name == "error"));
        },
        t0);
    for (const auto& e : out.read.events) response.body += e.raw + "\n\n";
  } else {
    // An error answer: read its (small) body whole.
    auto rest = read_stream_events(**stream, Framing::sse, suite_stream_limits(), {}, t0);
    for (const auto& e : rest.events) response.body += e.raw;
  }
  out.exchange.response = std::move(response);
  return out;
}

std::vector<std::string> event_signature(const std::vector<StreamEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) {
    std::string item = e.name;
    if (e.name == "end_vertex" && e.data.is_object() && e.data.contains("build_data") &&
        e.data["build_data"].is_object()) {
      item += ":" + e.data["build_data"].value("id", "");
    }
    out.push_back(std::move(item));
  }
  return out;
}

bool json_contains_text(const nlohmann::json& value, std::string_view needle) {
  if (value.is_string()) return value.get<std::string>().find(needle) != std::string::npos;
  if (value.is_array() || value.is_object()) {
    for (const auto& item : value) {
      if (json_contains_text(item, needle)) return true;
    }
  }
  return false;
}

}  // namespace lfkit::conformance
