// Profile pictures: <config_dir>/profile_pictures/{People,Space}/ when present,
// otherwise the small SVG set built into the server (our own drawings, in the
// same two folders Langflow ships).
#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "api/context.hpp"
#include "handlers/files/file_names.hpp"
#include "handlers/files/files_handlers.hpp"

namespace fs = std::filesystem;

namespace lfkit::handlers {
namespace {

struct BuiltinPicture {
  std::string_view folder;
  std::string_view name;
  std::string_view svg;
};

// Simple geometric avatars: a head-and-shoulders figure on coloured discs for
// People, planets and stars for Space.
constexpr std::array<BuiltinPicture, 8> kBuiltin = {{
    {"People", "People-Avatar-01.svg",
     R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#f4a261"/><circle cx="32" cy="26" r="11" fill="#fff"/><path d="M12 56c3-12 12-17 20-17s17 5 20 17" fill="#fff"/></svg>)"},
    {"People", "People-Avatar-02.svg",
     R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#2a9d8f"/><circle cx="32" cy="26" r="11" fill="#fff"/><path d="M12 56c3-12 12-17 20-17s17 5 20 17" fill="#fff"/></svg>)"},
    {"People", "People-Avatar-03.svg",
     R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#e76f51"/><circle cx="32" cy="26" r="11" fill="#fff"/><path d="M12 56c3-12 12-17 20-17s17 5 20 17" fill="#fff"/></svg>)"},
    {"People", "People-Avatar-04.svg",
     R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#264653"/><circle cx="32" cy="26" r="11" fill="#e9c46a"/><path d="M12 56c3-12 12-17 20-17s17 5 20 17" fill="#e9c46a"/></svg>)"},
    {"Space", "046-rocket.svg",
     R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#1d3557"/><path d="M32 10c8 8 10 18 6 30h-12c-4-12-2-22 6-30z" fill="#f1faee"/><circle cx="32" cy="26" r="4" fill="#457b9d"/><path d="M26 40l-6 8h8zM38 40l6 8h-8z" fill="#e63946"/></svg>)"},
    {"Space", "026-planet.svg",
     R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#0b132b"/><circle cx="32" cy="32" r="13" fill="#f4a261"/><ellipse cx="32" cy="32" rx="22" ry="6" fill="none" stroke="#e9c46a" stroke-width="3"/></svg>)"},
    {"Space", "031-moon.svg",
     R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#22223b"/><path d="M40 14a18 18 0 1 0 0 36a14 14 0 1 1 0-36z" fill="#f2e9e4"/></svg>)"},
    {"Space", "039-star.svg",
     R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#3a0ca3"/><path d="M32 12l6 13 14 2-10 10 2 14-12-7-12 7 2-14-10-10 14-2z" fill="#ffd60a"/></svg>)"},
}};

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

void FilesHandlers::list_profile_pictures(api::Context& ctx,
                                          const api::req::list_profile_pictures&) {
  const fs::path base = fs::path(services_->settings.config_dir) / "profile_pictures";
  auto people = files_in(base / "People");
  auto space = files_in(base / "Space");
  if (people.empty() && space.empty()) {
    for (const auto& p : kBuiltin) (p.folder == "People" ? people : space).emplace_back(p.name);
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& name : people) list.push_back("People/" + name);
  for (const auto& name : space) list.push_back("Space/" + name);
  ctx.respond_json(200, {{"files", list}});
}

void FilesHandlers::download_profile_picture(api::Context& ctx,
                                             const api::req::download_profile_picture& request) {
  const auto& folder = request.folder_name;
  const auto& name = request.file_name;
  auto not_found = [&] {
    // Unsafe names are answered like missing ones, never looked up.
    const bool printable = files::is_valid_utf8(folder) && files::is_valid_utf8(name);
    ctx.respond_detail(404, printable ? "Profile picture " + folder + "/" + name + " not found"
                                      : std::string("Profile picture not found"));
  };
  if (!files::is_safe_name(folder) || !files::is_safe_name(name)) return not_found();
  std::optional<std::string> data;
  const fs::path path =
      fs::path(services_->settings.config_dir) / "profile_pictures" / folder / name;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    if (in) data.emplace(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else {
    for (const auto& p : kBuiltin) {
      if (p.folder == folder && p.name == name) data.emplace(p.svg);
    }
  }
  if (!data) return not_found();
  http::Response response;
  response.status = 200;
  response.headers.set("Content-Type",
                       files::content_type_for_extension(files::last_dot_part(name)));
  response.body = std::move(*data);
  ctx.respond(std::move(response));
}

}  // namespace lfkit::handlers
