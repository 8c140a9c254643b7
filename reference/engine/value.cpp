#include "engine/value.hpp"

namespace lfkit::engine {
namespace {

std::string data_text(const json& object) {
  if (object.is_object()) {
    auto it = object.find("text");
    if (it != object.end() && it->is_string()) return it->get<std::string>();
  }
  if (object.is_string()) return object.get<std::string>();
  return object.dump();
}

}  // namespace

std::string Value::as_text() const {
  switch (kind) {
    case Kind::text:
      return text;
    case Kind::message:
      if (live_tokens) return live_tokens->text();
      if (pending_tokens) {
        std::string joined;
        for (const std::string& chunk : *pending_tokens) joined += chunk;
        return joined;
      }
      return message ? message->text : std::string();
    case Kind::data:
      return data_text(data);
    case Kind::dataframe: {
      std::string joined;
      if (data.is_array()) {
        for (const json& row : data) {
          if (!joined.empty()) joined += '\n';
          joined += data_text(row);
        }
      }
      return joined;
    }
    case Kind::none:
      break;
  }
  return {};
}

json Value::to_json() const {
  switch (kind) {
    case Kind::text:
      return text;
    case Kind::message:
      return as_text();
    case Kind::data:
    case Kind::dataframe:
      return data;
    case Kind::none:
      break;
  }
  return nullptr;
}

std::string Value::type_name() const {
  switch (kind) {
    case Kind::text:
    case Kind::message:
      return "text";
    case Kind::data:
      return "object";
    case Kind::dataframe:
      return "array";
    case Kind::none:
      break;
  }
  return "unknown";
}

}  // namespace lfkit::engine
