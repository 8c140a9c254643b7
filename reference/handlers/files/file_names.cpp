#include "handlers/files/file_names.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <optional>

namespace lfkit::handlers::files {

bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

bool is_safe_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name == "." || name == "..") return false;
  if (name.find_first_of(std::string_view("/\\\0", 3)) != std::string_view::npos) return false;
  // Control characters would end up in Content-Disposition headers.
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
  }
  return is_valid_utf8(name);
}

std::pair<std::string, std::string> split_extension(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return {std::string(name), ""};
  return {std::string(name.substr(0, dot)), std::string(name.substr(dot + 1))};
}

std::string last_dot_part(std::string_view name) {
  const auto dot = name.rfind('.');
  return std::string(dot == std::string_view::npos ? name : name.substr(dot + 1));
}

namespace {

// The N of a "(N)" that ends the name or precedes a final ".ext" (Langflow's
// regex \((\d+)\)(?=\.\w+$|$), first match from the left).
std::optional<int64_t> counter_suffix(std::string_view name) {
  for (size_t open = name.find('('); open != std::string_view::npos;
       open = name.find('(', open + 1)) {
    size_t k = open + 1;
    while (k < name.size() && std::isdigit(static_cast<unsigned char>(name[k]))) ++k;
    if (k == open + 1 || k >= name.size() || name[k] != ')') continue;
    const auto rest = name.substr(k + 1);
    bool tail_ok = rest.empty();
    if (!tail_ok && rest.front() == '.' && rest.size() > 1) {
      tail_ok = std::all_of(rest.begin() + 1, rest.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
      });
    }
    if (!tail_ok) continue;
    const auto digits = name.substr(open + 1, k - open - 1);
    if (digits.size() > 15) continue;  // far beyond any real counter
    return std::stoll(std::string(digits));
  }
  return std::nullopt;
}

}  // namespace

std::string unique_root(std::string_view root, const std::vector<std::string>& existing) {
  bool any = false;
  int64_t highest = 0;
  for (const auto& name : existing) {
    if (!name.starts_with(root)) continue;
    any = true;
    if (auto n = counter_suffix(name)) highest = std::max(highest, *n);
  }
  if (!any) return std::string(root);
  return std::string(root) + " (" + std::to_string(highest + 1) + ")";
}

std::string content_type_for_extension(std::string_view extension) {
  static const std::map<std::string, std::string, std::less<>> kTypes = {
      {"txt", "text/plain"},
      {"md", "text/markdown"},
      {"mdx", "text/mdx"},
      {"csv", "text/csv"},
      {"json", "application/json"},
      {"yaml", "application/x-yaml"},
      {"yml", "application/x-yaml"},
      {"xml", "application/xml"},
      {"html", "text/html"},
      {"htm", "text/html"},
      {"pdf", "application/pdf"},
      {"doc", "application/msword"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"xls", "application/vnd.ms-excel"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"ppt", "application/vnd.ms-powerpoint"},
      {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
      {"py", "text/x-python"},
      {"js", "application/javascript"},
      {"ts", "application/typescript"},
      {"tsx", "application/typescript"},
      {"sh", "application/x-sh"},
      {"sql", "application/sql"},
      {"zip", "application/zip"},
      {"tar", "application/x-tar"},
      {"gz", "application/gzip"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"bmp", "image/bmp"},
      {"tiff", "image/tiff"},
      {"webp", "image/webp"},
      {"svg", "image/svg+xml"},
      {"ico", "image/x-icon"},
      {"mp3", "audio/mpeg"},
      {"wav", "audio/wav"},
      {"ogg", "audio/ogg"},
      {"mp4", "video/mp4"},
      {"webm", "video/webm"},
  };
  std::string lower(extension);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto it = kTypes.find(lower);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

namespace {
std::string local_format(SystemTime now, const char* format) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  const size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}
}  // namespace

std::string upload_timestamp(SystemTime now) {
  return local_format(now, "%Y-%m-%d_%H-%M-%S");
}
std::string zip_timestamp(SystemTime now) {
  return local_format(now, "%Y%m%d_%H%M%S");
}

}  // namespace lfkit::handlers::files
