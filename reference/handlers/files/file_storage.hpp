// Bytes on disk for uploaded files: <root>/<folder>/<name>, where folder is a
// flow id (v1) or a user id (v2). Every call re-checks both components with
// is_safe_name, so nothing can be read or written outside its folder.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lfkit::handlers::files {

class FileStorage {
 public:
  explicit FileStorage(std::string root) : root_(std::move(root)) {}

  // Writes atomically (temp file + rename). False on unsafe names or I/O failure.
  bool save(std::string_view folder, std::string_view name, std::string_view data) const;
  std::optional<std::string> read(std::string_view folder, std::string_view name) const;
  bool exists(std::string_view folder, std::string_view name) const;
  // True when the file is gone afterwards (also when it never existed).
  bool remove(std::string_view folder, std::string_view name) const;
  // Regular files directly inside the folder (none when it does not exist).
  std::vector<std::string> list(std::string_view folder) const;

 private:
  std::optional<std::string> path_of(std::string_view folder, std::string_view name) const;
  std::string root_;
};

}  // namespace lfkit::handlers::files
