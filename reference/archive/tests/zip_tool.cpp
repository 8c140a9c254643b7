// Test helper: `zip_tool write OUT NAME=FILE...` writes an archive;
// `zip_tool list IN` prints "name<TAB>size" per entry.
#include <fstream>
#include <iostream>
#include <sstream>

#include "archive/zip.hpp"

namespace {
std::string slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

int main(int argc, char** argv) {
  using namespace lfkit::archive;
  if (argc >= 3 && std::string(argv[1]) == "write") {
    std::vector<ZipEntry> entries;
    for (int i = 3; i < argc; ++i) {
      std::string arg = argv[i];
      auto eq = arg.find('=');
      entries.push_back({arg.substr(0, eq), slurp(arg.substr(eq + 1).c_str())});
    }
    std::ofstream(argv[2], std::ios::binary) << write_zip(entries);
    return 0;
  }
  if (argc == 3 && std::string(argv[1]) == "list") {
    auto entries = read_zip(slurp(argv[2]));
    if (!entries) {
      std::cerr << entries.error() << "\n";
      return 1;
    }
    for (const auto& e : *entries) std::cout << e.name << "\t" << e.data.size() << "\n";
    return 0;
  }
  std::cerr << "usage: zip_tool write OUT NAME=FILE... | zip_tool list IN\n";
  return 2;
}
