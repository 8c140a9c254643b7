#include "store/sqlite_process_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lfkit::store {

Result<ProcessLock> ProcessLock::acquire(const std::string& database_path) {
  const std::string lock_path = database_path + ".lfkit-lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return store_failure(StoreErrorCode::io,
                         "cannot open lock file " + lock_path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) {
      return store_failure(StoreErrorCode::conflict,
                           "database " + database_path +
                               " is already in use by another lfkit-server process (lock file " +
                               lock_path + "); one server per database");
    }
    return store_failure(StoreErrorCode::io,
                         "cannot lock " + lock_path + ": " + std::strerror(error));
  }
  return ProcessLock(fd);
}

ProcessLock::~ProcessLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace lfkit::store
