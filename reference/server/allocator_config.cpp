// jemalloc's start-up options for the server binary (read by jemalloc itself through this
// well-known symbol; ignored when the binary runs on another allocator). Freed pages go back
// to the OS within about a second, from jemalloc's own background thread, instead of its
// default ten seconds on the allocating threads: a burst (a load test, a listing of every
// flow) should not leave the server's RSS high. Two arenas: the server's threads mostly wait,
// and each arena holds pages of its own (four per core by default: +9 MB RSS, measured).
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's interface.
const char* malloc_conf = "background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0,narenas:2";
}
