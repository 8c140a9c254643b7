// Upstream's human-readable elapsed time ("14 ms", "1.81 seconds", "1 minute, 3.2 seconds").
#pragma once

#include <string>

namespace lfkit::engine {

std::string format_duration(double seconds);

}  // namespace lfkit::engine
