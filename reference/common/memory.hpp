// Giving freed heap memory back to the OS after a large, rare response (e.g. a
// listing of every flow): allocators keep freed small blocks mapped, so without this
// one big listing would leave the server's RSS high for good.
#pragma once

#include <cstddef>

namespace lfkit {

// Releases free heap pages (jemalloc purge when linked, else glibc malloc_trim).
void release_free_memory();

// Calls release_free_memory() on scope exit when `bytes` exceeded `threshold`:
// declare it before the large objects so it runs after they are destroyed.
class ReleaseMemoryAfterLargeWork {
 public:
  explicit ReleaseMemoryAfterLargeWork(size_t threshold = 8u << 20) : threshold_(threshold) {}
  ~ReleaseMemoryAfterLargeWork();
  ReleaseMemoryAfterLargeWork(const ReleaseMemoryAfterLargeWork&) = delete;
  ReleaseMemoryAfterLargeWork& operator=(const ReleaseMemoryAfterLargeWork&) = delete;
  void note(size_t bytes) { bytes_ += bytes; }

 private:
  size_t threshold_;
  size_t bytes_ = 0;
};

}  // namespace lfkit
