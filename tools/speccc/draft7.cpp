#include "draft7.hpp"

#include <set>

#include "lfkit/api/runtime.hpp"

namespace speccc {
namespace {

const std::string kRefPrefix = "#/components/schemas/";

json translate(const json& s, std::set<std::string>& refs) {
  if (!s.is_object()) return s;
  json out = json::object();
  for (auto& [k, v] : s.items()) {
    if (k == "$ref") {
      std::string name = v.get<std::string>().substr(kRefPrefix.size());
      refs.insert(name);
      out["$ref"] = "#/definitions/" + name;
    } else if (k == "properties") {
      json props = json::object();
      for (auto& [name, sub] : v.items()) props[name] = translate(sub, refs);
      out[k] = std::move(props);
    } else if (k == "items" || k == "additionalProperties") {
      out[k] = translate(v, refs);
    } else if (k == "anyOf") {
      json list = json::array();
      for (auto& sub : v) list.push_back(translate(sub, refs));
      out[k] = std::move(list);
    } else if (k == "format") {
      std::string f = v.get<std::string>();
      if (f == "uuid") out["pattern"] = lfkit::api::kUuidPattern;
      if (f == "date-time") out["pattern"] = lfkit::api::kDateTimePattern;
      if (f == "date") out["pattern"] = lfkit::api::kDatePattern;
    } else if (k == "examples" || k == "example" || k == "contentMediaType" || k == "writeOnly" ||
               k == "readOnly" || k == "title" || k == "description" || k.rfind("x-", 0) == 0) {
      continue;
    } else {
      out[k] = v;
    }
  }
  // A $ref with siblings: draft-07 ignores siblings of $ref, which is what we want.
  return out;
}

}  // namespace

json draft7_document(const Spec& spec, const json& schema) {
  std::set<std::string> refs;
  json root = translate(schema, refs);
  json definitions = json::object();
  std::set<std::string> done;
  while (true) {
    std::set<std::string> pending;
    for (const auto& r : refs) {
      if (!done.count(r)) pending.insert(r);
    }
    if (pending.empty()) break;
    for (const auto& r : pending) {
      done.insert(r);
      definitions[r] = translate(spec.components.at(r), refs);
    }
  }
  if (root.is_boolean()) root = root.get<bool>() ? json::object() : json{{"not", json::object()}};
  // Siblings of a root $ref are ignored by draft-07 validators; wrap it.
  if (root.contains("$ref")) root = json{{"allOf", json::array({root})}};
  root["$schema"] = "http://json-schema.org/draft-07/schema#";
  if (!definitions.empty()) root["definitions"] = std::move(definitions);
  return root;
}

}  // namespace speccc
