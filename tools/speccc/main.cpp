// lfkit-speccc: compiles spec/openapi.yaml into C++ (routes, models,
// validators, request parsers and handler interfaces) at build time.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "emit.hpp"
#include "spec_model.hpp"

namespace speccc {

bool Output::write(const std::string& name, const std::string& content) const {
  std::filesystem::path p = std::filesystem::path(dir) / name;
  std::ifstream existing(p, std::ios::binary);
  if (existing) {
    std::stringstream ss;
    ss << existing.rdbuf();
    if (ss.str() == content) return true;
  }
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << content;
  return static_cast<bool>(f);
}

}  // namespace speccc

namespace {

void usage() {
  std::cout << "usage: lfkit-speccc SPEC.yaml OUT_DIR | --version | --help\n"
               "  Reads the OpenAPI 3.1 document SPEC.yaml and writes models, validators,\n"
               "  the route table, request parsers, handler interfaces and the document\n"
               "  itself as JSON (openapi_document.cpp) into OUT_DIR.\n"
               "  Exit codes: 0 ok, 1 the spec breaks a rule (file#pointer: reason), 2 usage/IO.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--help") {
    usage();
    return 0;
  }
  if (argc == 2 && std::string(argv[1]) == "--version") {
    // The project version only: a commit here would rebuild the generated code at every commit.
    std::cout << "lfkit-speccc (lfkit " << LFKIT_VERSION << ")\n";
    return 0;
  }
  if (argc != 3) {
    usage();
    return 2;
  }
  auto spec = speccc::load_spec(argv[1]);
  if (!spec.ok()) {
    std::cerr << "lfkit-speccc: " << spec.error().to_string() << "\n";
    return 1;
  }
  std::error_code ec;
  std::filesystem::create_directories(argv[2], ec);
  if (ec) {
    std::cerr << "lfkit-speccc: cannot create " << argv[2] << ": " << ec.message() << "\n";
    return 2;
  }
  speccc::Output out{argv[2]};
  const auto& s = spec.value();
  if (!speccc::emit_models(s, out) || !speccc::emit_validators(s, out) ||
      !speccc::emit_operations(s, out) || !speccc::emit_requests(s, out) ||
      !speccc::emit_document(s, out)) {
    std::cerr << "lfkit-speccc: cannot write into " << argv[2] << "\n";
    return 2;
  }
  std::cout << "lfkit-speccc: " << s.operations.size() << " operations, " << s.components.size()
            << " schemas, " << s.groups.size() << " handler groups\n";
  return 0;
}
