#include "handlers/projects/folders_redirect.hpp"

#include "api/context.hpp"

namespace lfkit::handlers::projects {
namespace {

// Starlette quotes redirect URLs keeping these characters; everything else
// (spaces, CR/LF, non-ASCII) is percent-encoded, so a search term cannot
// break out of the header.
std::string quote_url(std::string_view url) {
  static constexpr std::string_view kSafe = ":/%#?=@[]!$&'()*+,;_.-~";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : url) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || kSafe.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void redirect(api::Context& ctx, std::string location) {
  http::Response response;
  response.status = 307;
  response.headers.set("Location", quote_url(location));
  ctx.respond(std::move(response));
}

constexpr std::string_view kProjects = "/api/v1/projects/";

}  // namespace

std::string read_folder_location(const api::req::read_folder& request) {
  std::string url = std::string(kProjects) + request.folder_id;
  std::string query;
  auto add = [&](const std::string& pair) { query += (query.empty() ? "?" : "&") + pair; };
  if (request.is_component) add("is_component=True");
  if (request.is_flow) add("is_flow=True");
  if (!request.search.empty()) add("search=" + request.search);
  if (request.page && *request.page != 0) add("page=" + std::to_string(*request.page));
  if (request.size && *request.size != 0) add("size=" + std::to_string(*request.size));
  return url + query;
}

void FoldersRedirect::read_folders(api::Context& ctx, const api::req::read_folders&) {
  redirect(ctx, std::string(kProjects));
}
void FoldersRedirect::create_folder(api::Context& ctx, const api::req::create_folder&) {
  redirect(ctx, std::string(kProjects));
}
void FoldersRedirect::download_folder(api::Context& ctx, const api::req::download_folder& request) {
  redirect(ctx, std::string(kProjects) + "download/" + request.folder_id);
}
void FoldersRedirect::upload_folder(api::Context& ctx, const api::req::upload_folder&) {
  redirect(ctx, std::string(kProjects) + "upload/");
}
void FoldersRedirect::read_folder(api::Context& ctx, const api::req::read_folder& request) {
  redirect(ctx, read_folder_location(request));
}
void FoldersRedirect::update_folder(api::Context& ctx, const api::req::update_folder& request) {
  redirect(ctx, std::string(kProjects) + request.folder_id);
}
void FoldersRedirect::delete_folder(api::Context& ctx, const api::req::delete_folder& request) {
  redirect(ctx, std::string(kProjects) + request.folder_id);
}

}  // namespace lfkit::handlers::projects
