// openapi_document.{hpp,cpp}: the spec itself as JSON text, so the server can serve
// the document it was built from (/openapi.json) and a docs page generated from it.
#include <sstream>

#include "emit.hpp"

namespace speccc {

bool emit_document(const Spec& spec, const Output& out) {
  const std::string text = spec.doc.dump();
  // A raw string literal needs a delimiter the text never contains.
  std::string delimiter = "lfkitdoc";
  while (text.find(")" + delimiter + "\"") != std::string::npos) delimiter += "x";
  std::ostringstream hpp, cpp;
  hpp << kGeneratedBanner << "#pragma once\n\n#include <string_view>\n\n"
      << "namespace lfkit::api {\n\n"
      << "// spec/openapi.yaml as compact JSON (object keys sorted).\n"
      << "std::string_view openapi_json();\n\n}  // namespace lfkit::api\n";
  cpp << kGeneratedBanner << "#include \"lfkit/api/openapi_document.hpp\"\n\n"
      << "namespace lfkit::api {\n\nstd::string_view openapi_json() {\n"
      << "  static constexpr std::string_view kText = R\"" << delimiter << "(" << text << ")"
      << delimiter << "\";\n  return kText;\n}\n\n}  // namespace lfkit::api\n";
  return out.write("openapi_document.hpp", hpp.str()) &&
         out.write("openapi_document.cpp", cpp.str());
}

}  // namespace speccc
