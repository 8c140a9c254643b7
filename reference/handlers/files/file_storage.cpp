#include "handlers/files/file_storage.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "common/uuid.hpp"
#include "handlers/files/file_names.hpp"

namespace fs = std::filesystem;

namespace lfkit::handlers::files {
namespace {
// Writes in progress; never listed (v1 names always start with a timestamp).
constexpr std::string_view kTempPrefix = ".lfkit-tmp-";
}  // namespace

std::optional<std::string> FileStorage::path_of(std::string_view folder,
                                                std::string_view name) const {
  if (!is_safe_name(folder) || !is_safe_name(name)) return std::nullopt;
  return (fs::path(root_) / std::string(folder) / std::string(name)).string();
}

bool FileStorage::save(std::string_view folder, std::string_view name,
                       std::string_view data) const {
  auto path = path_of(folder, name);
  if (!path) return false;
  std::error_code ec;
  fs::create_directories(fs::path(*path).parent_path(), ec);
  if (ec) return false;
  // Hidden temp name in the same folder, so the rename is atomic.
  const std::string tmp =
      (fs::path(*path).parent_path() / (std::string(kTempPrefix) + new_uuid())).string();
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) {
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, *path, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

std::optional<std::string> FileStorage::read(std::string_view folder, std::string_view name) const {
  auto path = path_of(folder, name);
  std::error_code ec;
  if (!path || !fs::is_regular_file(*path, ec)) return std::nullopt;
  std::ifstream in(*path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool FileStorage::exists(std::string_view folder, std::string_view name) const {
  auto path = path_of(folder, name);
  std::error_code ec;
  return path && fs::exists(*path, ec);
}

bool FileStorage::remove(std::string_view folder, std::string_view name) const {
  auto path = path_of(folder, name);
  if (!path) return false;
  std::error_code ec;
  fs::remove(*path, ec);
  return !ec;
}

std::vector<std::string> FileStorage::list(std::string_view folder) const {
  std::vector<std::string> names;
  if (!is_safe_name(folder)) return names;
  std::error_code ec;
  for (fs::directory_iterator it(fs::path(root_) / std::string(folder), ec), end; !ec && it != end;
       it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (it->is_regular_file(ec) && !name.starts_with(kTempPrefix)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace lfkit::handlers::files
