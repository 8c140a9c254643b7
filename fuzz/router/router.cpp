// Route lookup on arbitrary input: first byte picks the method, the rest is
// the path. A match must name a real operation whose template fits the path.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lfkit/api/operations.hpp"

namespace {

// Segment-wise template check, independent of the router's trie.
bool template_fits(std::string_view templ, std::string_view path) {
  while (!templ.empty() && !path.empty()) {
    const size_t t_end = templ.find('/', 1);
    const size_t p_end = path.find('/', 1);
    const std::string_view t_seg = templ.substr(0, t_end);
    const std::string_view p_seg = path.substr(0, p_end);
    const bool is_param = t_seg.size() > 2 && t_seg[1] == '{';
    if (!is_param && t_seg != p_seg) return false;
    if (is_param && p_seg.size() < 2) return false;
    templ = t_end == std::string_view::npos ? std::string_view() : templ.substr(t_end);
    path = p_end == std::string_view::npos ? std::string_view() : path.substr(p_end);
  }
  return templ.empty() && path.empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t method = data[0] % 7;
  const std::string_view path(reinterpret_cast<const char*>(data + 1), size - 1);
  const lfkit::api::RouteMatch m = lfkit::api::router().match(method, path);
  if (m.status != lfkit::api::RouteStatus::found) return 0;
  if (m.op >= lfkit::api::kOperationCount || m.param_count > m.params.size()) __builtin_trap();
  const auto& op = lfkit::api::info(lfkit::api::op_of(m));
  if (static_cast<uint8_t>(op.method) != method || !template_fits(op.path, path)) __builtin_trap();
  return 0;
}
