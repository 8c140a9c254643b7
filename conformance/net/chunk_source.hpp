// Anything that yields a response body piece by piece (a live socket, or a
// scripted source in tests). The stream reader depends only on this.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "common/expected.hpp"
#include "conformance/net/http_message.hpp"

namespace lfkit::conformance {

class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  // The next body bytes as they arrive; std::nullopt once the body has ended.
  // Fails with NetErrorKind::timeout when nothing arrives before the deadline.
  virtual Expected<std::optional<std::string>, NetError> next_chunk(
      std::chrono::steady_clock::time_point deadline) = 0;
};

}  // namespace lfkit::conformance
