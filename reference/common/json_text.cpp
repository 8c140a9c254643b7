#include "common/json_text.hpp"

#include <nlohmann/json.hpp>

namespace lfkit {

void append_json_string(std::string& out, std::string_view s) {
  bool plain = true;
  for (unsigned char c : s) plain = plain && c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  if (!plain) {
    out.append(nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  out.push_back('"');
  out.append(s);
  out.push_back('"');
}

}  // namespace lfkit
