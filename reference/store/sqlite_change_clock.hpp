// In-process generations of the data behind the server's caches (who a credential belongs to,
// what the flows are). The writer connection's update hook notes the tables a write touches;
// once that write's transaction has ended (`publish`, under the writer lock) the generations
// of the touched topics move. A reader takes a generation before it reads rows, so whatever it
// caches under that generation can be too old (and is then missed), never newer than a write
// it claims to include. Sound only while this process is the database's one writer, which
// `ProcessLock` guarantees.
#pragma once

#include <atomic>
#include <cstdint>

namespace lfkit::store {

class Db;

enum class ChangeTopic { flows, auth };

class ChangeClock {
 public:
  // Installs the update hook on `writer`; the clock must outlive the connection's writes.
  void attach(Db& writer);
  // Called by the writer once the current transaction (or autocommit statement) is over.
  void publish();
  int64_t generation(ChangeTopic topic) const;
  // Row changes made while muted are not noted: for bookkeeping columns no cache holds
  // (API key use counters), which would otherwise move a generation every second.
  void set_muted(bool muted) { muted_ = muted; }

 private:
  static void on_row_change(void* self, int op, const char* database, const char* table,
                            long long rowid);
  unsigned pending_ = 0;  // topic bits; touched only by the thread holding the writer
  bool muted_ = false;    // likewise
  std::atomic<int64_t> flows_{1};
  std::atomic<int64_t> auth_{1};
};

}  // namespace lfkit::store
