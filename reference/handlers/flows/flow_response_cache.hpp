// Finished flow responses (a flow by id, a gzipped `get_all` listing), reused while the store's
// flows_generation has not moved: every flow or folder change moves it. Reading, splicing and
// compressing the same rows again on each request is what made those endpoints slow.
#pragma once

#include "common/generation_cache.hpp"
#include "http/message.hpp"

namespace lfkit::handlers::flows {

class FlowResponseCache : public GenerationCache<http::Response> {
 public:
  explicit FlowResponseCache(size_t max_bytes = 16u << 20)
      : GenerationCache(max_bytes, [](const http::Response& r) { return r.body.size(); }) {}
};

}  // namespace lfkit::handlers::flows
