#include "common/memory.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace lfkit {

void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

ReleaseMemoryAfterLargeWork::~ReleaseMemoryAfterLargeWork() {
  if (bytes_ > threshold_) release_free_memory();
}

}  // namespace lfkit
