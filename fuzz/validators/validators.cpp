// Generated validators on arbitrary JSON. First byte: below 128 picks a
// component for validate_component; otherwise an operation with a JSON body,
// whose request (body = the rest, path parameters filled in) goes through
// validate_request. A verdict must agree with its error list.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "lfkit/api/handlers.hpp"
#include "lfkit/api/operations.hpp"
#include "lfkit/api/schemas.hpp"
#include "lfkit/api/validators.hpp"

namespace {

const std::vector<const lfkit::api::OperationInfo*>& json_body_operations() {
  static const auto ops = [] {
    std::vector<const lfkit::api::OperationInfo*> out;
    for (const auto& op : lfkit::api::all_operations()) {
      if (op.body_media_type == "application/json") out.push_back(&op);
    }
    return out;
  }();
  return ops;
}

void fuzz_component(uint8_t selector, std::string_view text) {
  const auto names = lfkit::api::component_names();
  nlohmann::json value;
  try {
    // Even with allow_exceptions=false, numbers that overflow a double throw.
    value = nlohmann::json::parse(text, nullptr, false);
  } catch (const nlohmann::json::exception&) {
    return;
  }
  if (value.is_discarded()) return;
  lfkit::api::Errors errors;
  const bool valid =
      lfkit::api::validate::validate_component(names[selector % names.size()], value, errors);
  if (valid != errors.empty()) __builtin_trap();
}

void fuzz_request(uint8_t selector, std::string_view text) {
  const auto& ops = json_body_operations();
  if (ops.empty()) return;
  const auto& op = *ops[selector % ops.size()];
  lfkit::api::SimpleRawRequest raw;
  for (const auto& p : op.params) {
    if (p.in == "path")
      raw.path_params.emplace_back(std::string(p.name), "3f2b8c1e-9d4a-4e7b-8a6c-5b1d2e3f4a5b");
  }
  raw.headers.emplace_back("content-type", "application/json");
  raw.body_text = std::string(text);
  lfkit::api::Errors errors;
  const bool valid = lfkit::api::validate_request(op.op, raw, errors);
  if (valid != errors.empty()) __builtin_trap();
  (void)lfkit::api::errors_to_detail(errors).dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] < 128) {
    fuzz_component(data[0], text);
  } else {
    fuzz_request(data[0] - 128, text);
  }
  return 0;
}
