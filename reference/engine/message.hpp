// A chat Message and the two JSON shapes upstream dumps it in.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"

namespace lfkit::engine {

using json = nlohmann::json;

struct MessageSource {
  std::optional<std::string> id, display_name, source;  // the producing LLM vertex, if any
};

struct Message {
  std::string id;  // uuid4, assigned when stored
  std::string text;
  std::string sender;       // "User" | "Machine"
  std::string sender_name;  // "User" | "AI"
  std::string session_id;
  std::string flow_id;
  SystemTime timestamp{};
  MessageSource source;
  std::string icon;
  std::string category = "message";
  bool error = false;
  json files = json::array();
  // `files` as JSON text ("[]" without a serializer, the usual case).
  std::string files_json_text() const;

  // add_message / outputs form: {timestamp "YYYY-MM-DDTHH:MM:SS", sender, ..., id, flow_id}.
  // Written as text (the run path never needs it as a DOM); the json forms parse it.
  std::string event_json_text() const;
  json to_event_json() const;
  // results.message form: {text_key, data{...}, default_value, text, sender, ...}.
  std::string result_json_text() const;
  json to_result_json() const;
  // The `properties` object both forms carry (and the messages table stores).
  std::string properties_json_text() const;
};

// "2025-02-05T14:45:33" (what add_message events carry).
std::string naive_timestamp(SystemTime t);

}  // namespace lfkit::engine
