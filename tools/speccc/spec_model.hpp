// The parts of the OpenAPI document the generators need, checked for the
// conventions lfkit relies on (see README "Spec conventions").
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spec_error.hpp"

namespace speccc {

using nlohmann::json;

struct Param {
  std::string name;
  std::string in;  // path | query | header | cookie
  bool required = false;
  json schema;
};

struct Response {
  int status = 0;
  std::string media_type;  // "" when the response has no body
  json schema;             // null when absent
};

struct Operation {
  std::string id;      // operationId, a C++ identifier
  std::string method;  // upper case: GET, POST, ...
  std::string path;
  std::string tag;
  std::string group;  // handler interface name derived from the tag
  std::string auth;   // x-lfkit-auth
  std::string alias_of;
  std::string pointer;  // JSON pointer of the operation object
  bool deprecated = false;
  std::vector<Param> params;
  std::string body_media_type;  // "" = no body
  json body_schema;
  bool body_required = false;
  std::vector<Response> responses;
};

struct Spec {
  std::string file;
  json doc;
  std::map<std::string, json> components;  // #/components/schemas
  std::vector<Operation> operations;       // in document order
  std::vector<std::string> groups;         // handler groups, first-seen order
};

Result<Spec> load_spec(const std::string& path);

// "Health Check" -> "HealthCheck", "mcp_projects" -> "McpProjects".
std::string group_name_for_tag(const std::string& tag);

}  // namespace speccc
