#include "config/build_info.hpp"

namespace lfkit::config {

std::string lfkit_version_line() {
  return "lfkit " + std::string(lfkit_version()) + " (commit " + std::string(lfkit_commit()) + ")";
}

}  // namespace lfkit::config
