// Hand-written support for the code the spec compiler generates: validation
// errors in FastAPI/pydantic v2 shape, lazy error locations, string formats,
// raw request access and form data. Generated code includes this header; it is
// never edited by the generator.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// std::optional<T> <-> JSON null, for nullable array items in generated models.
namespace nlohmann {
template <typename T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) {
      j = *v;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) {
      v.reset();
    } else {
      v = j.get<T>();
    }
  }
};
}  // namespace nlohmann

namespace lfkit::api {

using nlohmann::json;

// One entry of a 422 body: {"type", "loc", "msg", "input", "ctx"?}.
struct ValidationError {
  std::string type;
  json loc;
  std::string msg;
  json input;
  json ctx;  // null when absent
};
using Errors = std::vector<ValidationError>;

// FastAPI's 422 body: {"detail": [ ... ]}.
json errors_to_detail(const Errors& errors);

// A location built on the stack while validating; turned into a JSON list only
// when an error is reported, so the happy path allocates nothing.
struct Loc {
  const Loc* parent = nullptr;
  std::string_view key;
  int64_t index = -1;  // >= 0 marks an array index

  Loc child(std::string_view k) const { return Loc{this, k, -1}; }
  Loc at(int64_t i) const { return Loc{this, {}, i}; }
  json to_json() const;
};

void add_error(Errors& out, std::string type, const Loc& loc, std::string msg, const json& input,
               json ctx = nullptr);

// pydantic's uuid_parsing error for a string canonical_uuid refused: the message and ctx
// carry the Rust uuid crate's reason, e.g. "invalid character: expected an optional prefix
// of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1" or "invalid group count: ...".
void add_uuid_error(Errors& out, const Loc& loc, const json& input);
std::string uuid_error_reason(std::string_view text);

// pydantic's wording for the usual type errors.
void add_type_error(Errors& out, std::string_view json_type, bool is_model, const Loc& loc,
                    const json& input);
// "Input should be 'a', 'b' or 'c'"
std::string expected_choices(const json& choices);

// Number of Unicode code points in UTF-8 text (JSON Schema string length).
size_t utf8_length(std::string_view s);

// Formats. The draft-7 schemas emitted for valijson carry regular expressions
// that accept exactly the same strings (see kUuidPattern & co).
std::optional<std::string> canonical_uuid(std::string_view s);
bool is_date_time(std::string_view s);
bool is_date(std::string_view s);
extern const char* const kUuidPattern;
extern const char* const kDateTimePattern;
extern const char* const kDatePattern;

// Lax conversions pydantic applies to query/path/header/form strings.
std::optional<int64_t> parse_int(std::string_view s);
std::optional<double> parse_number(std::string_view s);
std::optional<bool> parse_bool(std::string_view s);

// A field of a multipart/form-data or x-www-form-urlencoded body.
struct FormField {
  std::string name;
  std::string filename;  // empty for plain fields
  std::string content_type;
  std::string_view data;  // points into the request body (or into owned storage)
  bool is_file() const { return !filename.empty(); }
};

struct FormData {
  std::vector<FormField> fields;
  std::vector<std::string> storage;  // owns decoded values for url-encoded forms

  const FormField* find(std::string_view name) const;
  std::vector<const FormField*> all(std::string_view name) const;
};

// What the generated request parsers read. The server implements it over a
// Beast request; tests and fuzzers use SimpleRawRequest.
class RawRequest {
 public:
  virtual ~RawRequest() = default;
  virtual std::optional<std::string_view> path_param(std::string_view name) const = 0;
  virtual std::vector<std::string_view> query_values(std::string_view name) const = 0;
  virtual std::optional<std::string_view> header(std::string_view name) const = 0;
  virtual std::optional<std::string_view> cookie(std::string_view name) const = 0;
  virtual std::string_view body() const = 0;
  // Parsed multipart or url-encoded body; nullptr when the body is not a form.
  virtual const FormData* form() const = 0;
};

class SimpleRawRequest : public RawRequest {
 public:
  std::vector<std::pair<std::string, std::string>> path_params, query, headers, cookies;
  std::string body_text;
  std::optional<FormData> form_data;

  std::optional<std::string_view> path_param(std::string_view name) const override;
  std::vector<std::string_view> query_values(std::string_view name) const override;
  std::optional<std::string_view> header(std::string_view name) const override;
  std::optional<std::string_view> cookie(std::string_view name) const override;
  std::string_view body() const override { return body_text; }
  const FormData* form() const override { return form_data ? &*form_data : nullptr; }
};

// Parses a JSON request body the way FastAPI does: a syntax error becomes a
// json_invalid entry at ["body", <byte offset>].
std::optional<json> parse_json_body(std::string_view body, Errors& out);

}  // namespace lfkit::api

namespace lfkit::api {

// Converts a path/query/header/cookie/form string to the JSON value of a
// primitive schema type ("string", "integer", "number", "boolean"), reporting
// pydantic's *_parsing errors. `format` "uuid" canonicalises UUIDs.
bool convert_param(std::string_view text, std::string_view type, std::string_view format,
                   const Loc& loc, Errors& out, json& value);

}  // namespace lfkit::api
