#include "common/json_text.hpp"

#include <array>

#include <nlohmann/json.hpp>

namespace lfkit {

namespace {

// Bytes a JSON string cannot carry as they are: controls, '"', '\\', and DEL and above (which
// nlohmann escapes or, in invalid UTF-8, replaces).
constexpr std::array<bool, 256> kNotPlain = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = c < 0x20 || c >= 0x7f || c == '"' || c == '\\';
  return table;
}();

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    if (kNotPlain[c]) {
      out.append(nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
  }
  out.push_back('"');
  out.append(s);
  out.push_back('"');
}

}  // namespace lfkit
