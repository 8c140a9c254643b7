#include "auth/secret_key.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "auth/encoding.hpp"

namespace lfkit::auth {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

Expected<void, SecretKeyError> write_private_file(const std::filesystem::path& path,
                                                  const std::string& content) {
  // O_EXCL: if another process raced us, the caller rereads its key instead of overwriting it.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return unexpected(
        SecretKeyError{"cannot create " + path.string() + ": " + std::strerror(errno)});
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return unexpected(SecretKeyError{"cannot write " + path.string()});
    }
    written += static_cast<size_t>(n);
  }
  ::close(fd);
  return {};
}

}  // namespace

Expected<std::string, SecretKeyError> load_or_create_secret_key(
    const std::optional<std::string>& configured, const std::filesystem::path& config_dir) {
  if (configured && !configured->empty()) return *configured;

  std::error_code ec;
  std::filesystem::create_directories(config_dir, ec);
  if (ec)
    return unexpected(SecretKeyError{"cannot create " + config_dir.string() + ": " + ec.message()});

  auto path = config_dir / "secret_key";
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (std::ifstream in{path}) {
      std::stringstream buffer;
      buffer << in.rdbuf();
      std::string key = trim(buffer.str());
      if (key.empty()) return unexpected(SecretKeyError{path.string() + " is empty"});
      return key;
    }
    std::string key = base64url_encode(random_bytes(32));
    auto written = write_private_file(path, key);
    if (written) return key;
    if (!std::filesystem::exists(path)) return unexpected(written.error());
  }
  return unexpected(SecretKeyError{"cannot read " + path.string()});
}

}  // namespace lfkit::auth
