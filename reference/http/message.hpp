// Plain request/response values exchanged between the transport and the upper
// layers. Deliberately free of Beast types so routing code compiles without them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lfkit::http {

// Ordered header list with case-insensitive lookup (HTTP field names are).
class Headers {
 public:
  struct Field {
    std::string name;
    std::string value;
  };

  // First value of `name`, if present.
  std::optional<std::string_view> find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name).has_value(); }
  // Appends a field (repeats allowed, e.g. Set-Cookie).
  void add(std::string name, std::string value);
  // Replaces every field called `name` with one field.
  void set(std::string name, std::string value);
  void erase(std::string_view name);
  const std::vector<Field>& fields() const { return fields_; }

 private:
  std::vector<Field> fields_;
};

bool iequals(std::string_view a, std::string_view b);

struct Request {
  std::string method;     // upper-case verb as sent, e.g. "GET"
  std::string target;     // raw request-target, e.g. "/api/v1/flows/?get_all=true"
  std::string path;       // target up to '?', not percent-decoded
  std::string query;      // target after '?', without the '?'
  unsigned version = 11;  // 10 or 11
  Headers headers;
  std::string body;
  std::string remote_address;  // peer IP, for logs
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
};

// A response with a JSON body and Content-Type: application/json.
Response json_response(int status, std::string json_body);
// Langflow/FastAPI error shape: {"detail": "<message>"}.
Response detail_response(int status, std::string_view message);
// The JSON text {"detail": "<message>"} with proper escaping.
std::string detail_json(std::string_view message);
// Standard reason phrase ("Not Found") for a status code; "" when unknown.
std::string_view reason_phrase(int status);

}  // namespace lfkit::http
