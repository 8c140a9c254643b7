// Writing JSON text directly (no DOM) on hot paths: values come out exactly as nlohmann's
// dump with error_handler_t::replace writes them.
#pragma once

#include <string>
#include <string_view>

namespace lfkit {

// Appends `s` as a JSON string: printable ASCII is copied as is; anything else
// goes through nlohmann (escapes, U+FFFD for invalid UTF-8).
void append_json_string(std::string& out, std::string_view s);

inline void append_json_bool(std::string& out, bool value) {
  out.append(value ? "true" : "false");
}

// One JSON object being written into `out`: key() writes the separator and the key and
// returns the buffer for the value, which the caller appends. The destructor closes it, so
// end the writer's scope before the buffer is read or returned.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string& out) : out_(out) { out_.push_back('{'); }
  ~JsonObjectWriter() { out_.push_back('}'); }
  JsonObjectWriter(const JsonObjectWriter&) = delete;
  JsonObjectWriter& operator=(const JsonObjectWriter&) = delete;

  std::string& key(std::string_view name) {  // `name` is plain ASCII, never escaped
    if (!first_) out_.push_back(',');
    first_ = false;
    out_.push_back('"');
    out_.append(name);
    out_.append("\":");
    return out_;
  }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace lfkit
