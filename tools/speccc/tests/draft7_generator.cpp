#include "draft7_generator.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "lfkit/api/runtime.hpp"

namespace speccc_test {

namespace {

constexpr int kMaxDepth = 4;

// Draws from inside rc::gen::exec.
template <typename T>
T pick(const std::vector<T>& items) {
  return items[*rc::gen::inRange<size_t>(0, items.size())];
}

std::string digits(int count, int lo = 0, int hi = 9) {
  std::string out;
  for (int i = 0; i < count; ++i) out += static_cast<char>('0' + *rc::gen::inRange(lo, hi + 1));
  return out;
}

std::string two_digits(int lo, int hi) {
  const int v = *rc::gen::inRange(lo, hi + 1);
  return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

std::string hex(int count) {
  static const char* const kHex = "0123456789abcdefABCDEF";
  std::string out;
  for (int i = 0; i < count; ++i) out += kHex[*rc::gen::inRange(0, 22)];
  return out;
}

// Every spelling the uuid pattern (and pydantic) accepts.
std::string uuid_text() {
  const std::string canonical = hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
  switch (*rc::gen::inRange(0, 8)) {
    case 0:
      return hex(32);
    case 1:
      return "{" + canonical + "}";
    case 2:
      return "urn:uuid:" + canonical;
    case 3:
      return "{" + hex(32) + "}";
    default:
      return canonical;
  }
}

// Calendar-valid date-times in the shapes the date-time pattern allows.
std::string date_time_text() {
  std::string out = digits(1, 1, 2) + digits(3) + "-" + two_digits(1, 12) + "-" + two_digits(1, 28);
  if (*rc::gen::inRange(0, 6) == 0) return out;
  out += pick<std::string>({"T", "t", " "}) + two_digits(0, 23) + ":" + two_digits(0, 59);
  if (*rc::gen::inRange(0, 4) != 0) {
    out += ":" + two_digits(0, 59);
    if (*rc::gen::arbitrary<bool>()) out += "." + digits(*rc::gen::inRange(1, 7));
  }
  switch (*rc::gen::inRange(0, 5)) {
    case 0:
      return out;
    case 1:
      return out + "Z";
    case 2:
      return out + "z";
    case 3:
      return out + pick<std::string>({"+", "-"}) + two_digits(0, 23) + ":" + two_digits(0, 59);
    default:
      return out + pick<std::string>({"+", "-"}) + two_digits(0, 23) + two_digits(0, 59);
  }
}

// Pattern-shaped but not necessarily calendar-valid: probes that the generated
// format check and the schema's regular expression agree.
std::string date_time_shaped_text() {
  std::string out = digits(4) + "-" + digits(2) + "-" + digits(2);
  if (*rc::gen::arbitrary<bool>()) out += "T" + digits(2) + ":" + digits(2) + ":" + digits(2);
  if (*rc::gen::arbitrary<bool>())
    out += pick<std::string>({"Z", "+" + digits(2), "-" + digits(4)});
  return out;
}

std::string plain_text(int min_len, int max_len) {
  // Multi-byte code points check that lengths count code points, not bytes.
  static const std::vector<std::string> kPieces = {"a", "b", "Z",  "0", "7",  " ", "-",
                                                   "_", "é", "日", "😀", "\"", "\\"};
  const int len = *rc::gen::inRange(min_len, std::max(min_len, max_len) + 1);
  std::string out;
  for (int i = 0; i < len; ++i) out += pick(kPieces);
  return out;
}

std::string any_string() {
  switch (*rc::gen::inRange(0, 6)) {
    case 0:
      return uuid_text();
    case 1:
      return date_time_text();
    case 2:
      return date_time_shaped_text();
    case 3:
      return "";
    default:
      return plain_text(0, 12);
  }
}

json any_json_value(int depth) {
  const int kind = *rc::gen::inRange(0, depth > 0 ? 8 : 6);
  switch (kind) {
    case 0:
      return nullptr;
    case 1:
      return *rc::gen::arbitrary<bool>();
    case 2:
      return *rc::gen::inRange<int64_t>(-1000, 1000);
    case 3:
      return *rc::gen::inRange(-1000, 1000) / 8.0;
    case 4:
    case 5:
      return any_string();
    case 6: {
      json arr = json::array();
      const int n = *rc::gen::inRange(0, 4);
      for (int i = 0; i < n; ++i) arr.push_back(any_json_value(depth - 1));
      return arr;
    }
    default: {
      json obj = json::object();
      const int n = *rc::gen::inRange(0, 4);
      for (int i = 0; i < n; ++i) obj[plain_text(1, 6)] = any_json_value(depth - 1);
      return obj;
    }
  }
}

const json& resolve(const json& root, const std::string& ref) {
  const std::string prefix = "#/definitions/";
  if (ref.rfind(prefix, 0) != 0) throw std::logic_error("unsupported $ref " + ref);
  return root.at("definitions").at(ref.substr(prefix.size()));
}

// Rough cost of satisfying a branch, so deep recursion can pick cheap ones.
bool is_cheap(const json& s) {
  if (!s.is_object()) return true;
  if (s.contains("$ref") || s.contains("allOf") || s.contains("properties")) return false;
  const auto t = s.value("type", json());
  return !(t == "object" || t == "array") || s.value("minItems", 0) == 0;
}

json gen_value(const json& s, const json& root, int depth);

json gen_string(const json& s) {
  if (s.contains("pattern")) {
    const std::string pattern = s["pattern"];
    if (pattern == lfkit::api::kUuidPattern) return uuid_text();
    if (pattern == lfkit::api::kDateTimePattern) return date_time_text();
    if (pattern == lfkit::api::kDatePattern) {
      return digits(1, 1, 2) + digits(3) + "-" + two_digits(1, 12) + "-" + two_digits(1, 28);
    }
    throw std::logic_error("no generator for pattern " + pattern);
  }
  const int min_len = s.value("minLength", 0);
  const int max_len = s.value("maxLength", min_len + 12);
  return plain_text(min_len, std::min(max_len, min_len + 12));
}

json gen_object(const json& s, const json& root, int depth) {
  json out = json::object();
  std::vector<std::string> required;
  if (s.contains("required")) required = s["required"].get<std::vector<std::string>>();
  const json props = s.value("properties", json::object());
  for (const auto& [key, sub] : props.items()) {
    const bool is_required = std::find(required.begin(), required.end(), key) != required.end();
    if (is_required || (depth < kMaxDepth && *rc::gen::arbitrary<bool>())) {
      out[key] = gen_value(sub, root, depth + 1);
    }
  }
  for (const auto& key : required) {
    if (!out.contains(key)) out[key] = depth < kMaxDepth ? any_json_value(1) : json(nullptr);
  }
  const json extra = s.value("additionalProperties", json(true));
  if (extra != false && depth < kMaxDepth && *rc::gen::inRange(0, 3) == 0) {
    const std::string key = "extra_" + plain_text(1, 4);
    if (!props.contains(key)) {
      out[key] = extra.is_object() ? gen_value(extra, root, depth + 1) : any_json_value(1);
    }
  }
  return out;
}

json gen_array(const json& s, const json& root, int depth) {
  const int min_items = s.value("minItems", 0);
  const int max_items = std::min(s.value("maxItems", min_items + 3), min_items + 3);
  const int n = depth < kMaxDepth ? *rc::gen::inRange(min_items, max_items + 1) : min_items;
  json out = json::array();
  for (int i = 0; i < n; ++i) {
    out.push_back(s.contains("items") ? gen_value(s["items"], root, depth + 1) : any_json_value(1));
  }
  return out;
}

json gen_typed(const std::string& type, const json& s, const json& root, int depth) {
  if (type == "null") return nullptr;
  if (type == "boolean") return *rc::gen::arbitrary<bool>();
  if (type == "integer" || type == "number") {
    const int64_t lo = s.contains("minimum") ? s["minimum"].get<int64_t>() : -100000;
    const int64_t hi = s.contains("maximum") ? s["maximum"].get<int64_t>() : 100000;
    const int64_t whole = *rc::gen::inRange<int64_t>(lo, hi + 1);
    if (type == "number" && *rc::gen::arbitrary<bool>() && whole < hi) return whole + 0.5;
    return whole;
  }
  if (type == "string") return gen_string(s);
  if (type == "array") return gen_array(s, root, depth);
  if (type == "object") return gen_object(s, root, depth);
  throw std::logic_error("unknown type " + type);
}

json gen_value(const json& s, const json& root, int depth) {
  if (s.is_boolean()) return any_json_value(2);
  if (s.contains("$ref")) return gen_value(resolve(root, s["$ref"]), root, depth);
  if (s.contains("const")) return s["const"];
  if (s.contains("enum")) return pick(s["enum"].get<std::vector<json>>());
  if (s.contains("allOf")) {
    if (s["allOf"].size() != 1) throw std::logic_error("allOf with several branches");
    return gen_value(s["allOf"][0], root, depth);
  }
  if (s.contains("anyOf")) {
    std::vector<json> branches = s["anyOf"].get<std::vector<json>>();
    if (depth >= kMaxDepth) {
      std::vector<json> cheap;
      std::copy_if(branches.begin(), branches.end(), std::back_inserter(cheap), is_cheap);
      if (!cheap.empty()) branches = cheap;
    }
    return gen_value(pick(branches), root, depth);
  }
  if (s.contains("type")) {
    const json& t = s["type"];
    const std::string type =
        t.is_array() ? pick(t.get<std::vector<std::string>>()) : t.get<std::string>();
    return gen_typed(type, s, root, depth);
  }
  return any_json_value(depth < kMaxDepth ? 2 : 0);
}

// Every path (as JSON pointers) into a value, the root included.
void collect_paths(const json& v, const json::json_pointer& at,
                   std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (v.is_object()) {
    for (const auto& [key, sub] : v.items()) collect_paths(sub, at / key, out);
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) collect_paths(v[i], at / i, out);
  }
}

json other_type_than(const json& v) {
  for (;;) {
    json candidate = any_json_value(1);
    if (candidate.type() != v.type()) return candidate;
  }
}

// Same JSON type, different content: probes formats, enums, bounds and the
// integer/float distinction.
json same_type_variant(const json& v) {
  if (v.is_string()) return any_string();
  if (v.is_number_integer()) {
    const int64_t n = v.get<int64_t>();
    return pick<json>(
        {json(static_cast<double>(n)), json(-n - 1), json(n + 1), json(int64_t{1} << 40)});
  }
  if (v.is_number_float()) return pick<json>({json(v.get<double>() + 0.25), json(int64_t{3})});
  return other_type_than(v);
}

}  // namespace

rc::Gen<json> valid_value(const json& root) {
  return rc::gen::exec([root] { return gen_value(root, root, 0); });
}

rc::Gen<json> any_json(int depth) {
  return rc::gen::exec([depth] { return any_json_value(depth); });
}

rc::Gen<json> mutated_value(const json& root) {
  return rc::gen::exec([root] {
    json v = gen_value(root, root, 0);
    std::vector<json::json_pointer> paths;
    collect_paths(v, json::json_pointer(), paths);
    const json::json_pointer at = pick(paths);
    switch (*rc::gen::inRange(0, 5)) {
      case 0: {  // drop a key of some object
        json& target = v[at];
        if (target.is_object() && !target.empty()) {
          std::vector<std::string> keys;
          for (const auto& [key, sub] : target.items()) keys.push_back(key);
          target.erase(pick(keys));
        }
        return v;
      }
      case 1:
      case 2:
        v[at] = other_type_than(v[at]);
        return v;
      case 3:
        v[at] = same_type_variant(v[at]);
        return v;
      default:
        return any_json_value(3);
    }
  });
}

}  // namespace speccc_test
