#include "common/memory.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

// jemalloc's control call, present when the binary links jemalloc (the server does; tests
// and sanitizer builds do not): weak, so this file needs no build flag to know.
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen)
    __attribute__((weak));

namespace lfkit {

void release_free_memory() {
  if (mallctl != nullptr) {
    // "arena.<MALLCTL_ARENAS_ALL>.purge": return every arena's unused dirty pages now.
    (void)mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
    return;
  }
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

ReleaseMemoryAfterLargeWork::~ReleaseMemoryAfterLargeWork() {
  if (bytes_ > threshold_) release_free_memory();
}

}  // namespace lfkit
