// operations.hpp/.cpp (operation table, route table) and schemas.hpp/.cpp
// (draft-07 documents of every component for valijson).
#include <sstream>

#include "draft7.hpp"
#include "emit.hpp"
#include "names.hpp"

namespace speccc {
namespace {

const char* method_enum(const std::string& m) {
  if (m == "GET") return "Method::Get";
  if (m == "POST") return "Method::Post";
  if (m == "PUT") return "Method::Put";
  if (m == "PATCH") return "Method::Patch";
  if (m == "DELETE") return "Method::Delete";
  if (m == "HEAD") return "Method::Head";
  return "Method::Options";
}

std::string raw(const std::string& s) {
  return "R\"lfk(" + s + ")lfk\"";
}

std::string schema_text(const Spec& spec, const json& schema) {
  if (schema.is_null()) return "\"\"";
  return raw(draft7_document(spec, schema).dump());
}

const char* kOperationsHeader = R"(#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "lfkit/api/router.hpp"

namespace lfkit::api {

enum class Method : uint8_t { Get, Post, Put, Patch, Delete, Head, Options };
// Who may call an operation (the spec's x-lfkit-auth).
enum class Auth : uint8_t {
  none, current_user, superuser, api_key, optional, public_flow, webhook, mcp, refresh_cookie
};

struct ParamInfo {
  std::string_view name;
  std::string_view in;  // path | query | header | cookie
  bool required;
  std::string_view schema_json;  // draft-07
};

struct ResponseInfo {
  int status;
  std::string_view media_type;   // "" when there is no body
  std::string_view schema_json;  // draft-07, self-contained; "" when none
};

struct OperationInfo {
  Op op;
  std::string_view operation_id;
  Method method;
  std::string_view path;
  std::string_view tag;
  Auth auth;
  bool deprecated;
  std::span<const ParamInfo> params;
  std::string_view body_media_type;  // "" when the operation takes no body
  std::string_view body_schema_json;
  bool body_required;
  std::span<const ResponseInfo> responses;
  std::string_view alias_of;     // operationId whose handler serves this path too
  std::string_view spec_pointer;  // JSON pointer into spec/openapi.yaml
};

std::span<const OperationInfo> all_operations();
const OperationInfo& info(Op op);
std::optional<Op> find_operation(std::string_view operation_id);
std::string_view method_name(Method m);
std::optional<Method> parse_method(std::string_view name);
std::string_view auth_name(Auth a);

// The route table compiled into a trie (built once, thread-safe to use).
const Router& router();
inline Op op_of(const RouteMatch& m) { return static_cast<Op>(m.op); }

}  // namespace lfkit::api
)";

}  // namespace

bool emit_operations(const Spec& spec, const Output& out) {
  std::ostringstream h;
  h << kGeneratedBanner << "// Operation table and routes.\n";
  std::string header = kOperationsHeader;
  std::ostringstream ops_enum;
  ops_enum << "enum class Op : uint16_t {\n";
  for (const auto& op : spec.operations) ops_enum << "  " << op.id << ",\n";
  ops_enum << "};\ninline constexpr size_t kOperationCount = " << spec.operations.size() << ";\n\n";
  size_t at = header.find("enum class Method");
  header.insert(at, ops_enum.str());
  h << header;

  std::ostringstream c;
  c << kGeneratedBanner << "#include \"lfkit/api/operations.hpp\"\n\n#include <array>\n\n"
    << "namespace lfkit::api {\nnamespace {\n\n";
  for (const auto& op : spec.operations) {
    if (!op.params.empty()) {
      c << "const ParamInfo kParams_" << op.id << "[] = {\n";
      for (const auto& p : op.params) {
        c << "  {" << cpp_string(p.name) << ", " << cpp_string(p.in) << ", "
          << (p.required ? "true" : "false") << ", " << schema_text(spec, p.schema) << "},\n";
      }
      c << "};\n";
    }
    c << "const ResponseInfo kResponses_" << op.id << "[] = {\n";
    for (const auto& r : op.responses) {
      c << "  {" << r.status << ", " << cpp_string(r.media_type) << ", "
        << schema_text(spec, r.schema) << "},\n";
    }
    c << "};\n";
  }
  c << "\nconst OperationInfo kOperations[] = {\n";
  for (const auto& op : spec.operations) {
    c << "  {Op::" << op.id << ", " << cpp_string(op.id) << ", " << method_enum(op.method) << ", "
      << cpp_string(op.path) << ", " << cpp_string(op.tag) << ", Auth::" << op.auth << ", "
      << (op.deprecated ? "true" : "false") << ", ";
    if (op.params.empty()) {
      c << "{}, ";
    } else {
      c << "kParams_" << op.id << ", ";
    }
    c << cpp_string(op.body_media_type) << ", "
      << (op.body_media_type.empty() ? "\"\"" : schema_text(spec, op.body_schema)) << ", "
      << (op.body_required ? "true" : "false") << ", kResponses_" << op.id << ", "
      << cpp_string(op.alias_of) << ", " << cpp_string(op.pointer) << "},\n";
  }
  c << "};\n\nconst RouteEntry kRoutes[] = {\n";
  for (const auto& op : spec.operations) {
    c << "  {static_cast<uint8_t>(" << method_enum(op.method) << "), " << cpp_string(op.path)
      << ", static_cast<uint16_t>(Op::" << op.id << ")},\n";
  }
  c << "};\n\n}  // namespace\n\n"
    << "std::span<const OperationInfo> all_operations() { return kOperations; }\n"
    << "const OperationInfo& info(Op op) { return kOperations[static_cast<size_t>(op)]; }\n"
    << "std::optional<Op> find_operation(std::string_view id) {\n"
    << "  for (const auto& o : kOperations) if (o.operation_id == id) return o.op;\n"
    << "  return std::nullopt;\n}\n"
    << "std::string_view method_name(Method m) {\n"
    << "  static constexpr std::array<std::string_view, 7> kNames = {\"GET\", \"POST\", \"PUT\", "
       "\"PATCH\", \"DELETE\", \"HEAD\", \"OPTIONS\"};\n"
    << "  return kNames[static_cast<size_t>(m)];\n}\n"
    << "std::optional<Method> parse_method(std::string_view name) {\n"
    << "  for (uint8_t i = 0; i < 7; ++i) if (method_name(static_cast<Method>(i)) == name) return "
       "static_cast<Method>(i);\n"
    << "  return std::nullopt;\n}\n"
    << "std::string_view auth_name(Auth a) {\n"
    << "  static constexpr std::array<std::string_view, 9> kNames = {\"none\", \"current_user\", "
       "\"superuser\", \"api_key\", \"optional\", \"public_flow\", \"webhook\", \"mcp\", "
       "\"refresh_cookie\"};\n"
    << "  return kNames[static_cast<size_t>(a)];\n}\n"
    << "const Router& router() {\n  static const Router r(kRoutes);\n  return r;\n}\n\n"
    << "}  // namespace lfkit::api\n";

  std::ostringstream sh, sc;
  sh << kGeneratedBanner
     << "#pragma once\n\n#include <span>\n#include <string_view>\n\nnamespace lfkit::api {\n\n"
     << "// Every component schema name, in spec order.\n"
     << "std::span<const std::string_view> component_names();\n"
     << "// The draft-07 document of a component (for valijson); \"\" when unknown.\n"
     << "std::string_view draft7_schema(std::string_view component_name);\n\n"
     << "}  // namespace lfkit::api\n";
  sc << kGeneratedBanner << "#include \"lfkit/api/schemas.hpp\"\n\nnamespace lfkit::api {\n"
     << "namespace {\n\nconst std::string_view kNames[] = {\n";
  for (const auto& [name, schema] : spec.components) sc << "  " << cpp_string(name) << ",\n";
  sc << "};\nconst std::string_view kSchemas[] = {\n";
  json ref_schema;
  for (const auto& [name, schema] : spec.components) {
    ref_schema = json{{"$ref", "#/components/schemas/" + name}};
    sc << "  " << raw(draft7_document(spec, ref_schema).dump()) << ",\n";
  }
  sc << "};\n\n}  // namespace\n\n"
     << "std::span<const std::string_view> component_names() { return kNames; }\n"
     << "std::string_view draft7_schema(std::string_view name) {\n"
     << "  for (size_t i = 0; i < std::size(kNames); ++i) if (kNames[i] == name) return "
        "kSchemas[i];\n"
     << "  return {};\n}\n\n}  // namespace lfkit::api\n";
  return out.write("operations.hpp", h.str()) && out.write("operations.cpp", c.str()) &&
         out.write("schemas.hpp", sh.str()) && out.write("schemas.cpp", sc.str());
}

}  // namespace speccc
