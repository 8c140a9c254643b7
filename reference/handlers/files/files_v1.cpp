// Files v1: bytes kept per flow under <config_dir>/<flow_id>/, no store records.
#include <chrono>

#include "api/context.hpp"
#include "auth/encoding.hpp"
#include "handlers/files/file_names.hpp"
#include "handlers/files/files_handlers.hpp"

namespace lfkit::handlers {
namespace {

constexpr int64_t kMiB = 1024 * 1024;

// Upstream derives the content type from the text after the last dot; a name
// ending in "." has none. Answers and returns nullopt on failure.
std::optional<std::string> content_type_of(api::Context& ctx, const std::string& file_name) {
  const auto extension = files::last_dot_part(file_name);
  if (extension.empty()) {
    ctx.respond_detail(400, "Extension not found for file " + file_name);
    return std::nullopt;
  }
  return files::content_type_for_extension(extension);
}

}  // namespace

void FilesHandlers::upload_file(api::Context& ctx, const api::req::upload_file& request) {
  const auto limit_mb = services_->settings.max_file_size_upload;
  const api::FormField* file = request.form ? request.form->find("file") : nullptr;
  if (file == nullptr) {
    ctx.respond_detail(400, "No file provided");
    return;
  }
  if (static_cast<int64_t>(file->data.size()) > limit_mb * kMiB) {
    ctx.respond_detail(
        413, "File size is larger than the maximum file size " + std::to_string(limit_mb) + "MB.");
    return;
  }
  if (!check_flow_access(ctx, request.flow_id)) return;
  const std::string original =
      file->filename.empty() ? auth::sha256_hex(file->data) : file->filename;
  if (!files::is_safe_name(original)) {
    ctx.respond_detail(400, "Invalid file name");
    return;
  }
  const std::string full_name =
      files::upload_timestamp(std::chrono::system_clock::now()) + "_" + original;
  if (!files::is_safe_name(full_name) || !storage_.save(request.flow_id, full_name, file->data)) {
    ctx.respond_detail(500, "Failed to save file " + full_name);
    return;
  }
  ctx.respond_json(201,
                   {{"flowId", request.flow_id}, {"file_path", request.flow_id + "/" + full_name}});
}

void FilesHandlers::list_files(api::Context& ctx, const api::req::list_files& request) {
  if (!check_flow_access(ctx, request.flow_id)) return;
  ctx.respond_json(200, {{"files", storage_.list(request.flow_id)}});
}

void FilesHandlers::download_file(api::Context& ctx, const api::req::download_file& request) {
  if (!check_flow_access(ctx, request.flow_id)) return;
  const auto& name = request.file_name;
  if (!files::is_safe_name(name)) {
    ctx.respond_detail(400, "Invalid file name");
    return;
  }
  if (!content_type_of(ctx, name)) return;
  auto data = storage_.read(request.flow_id, name);
  if (!data) {
    ctx.respond_detail(404, "File " + name + " not found in flow " + request.flow_id);
    return;
  }
  http::Response response;
  response.status = 200;
  // Upstream's header, including its missing ';' before filename*.
  response.headers.set("Content-Disposition",
                       "attachment; filename=" + name + " filename*=UTF-8''" + name);
  response.headers.set("Content-Type", "application/octet-stream");
  response.body = std::move(*data);
  ctx.respond(std::move(response));
}

void FilesHandlers::download_image(api::Context& ctx, const api::req::download_image& request) {
  if (!check_flow_access(ctx, request.flow_id)) return;
  const auto& name = request.file_name;
  if (!files::is_safe_name(name)) {
    ctx.respond_detail(400, "Invalid file name");
    return;
  }
  auto type = content_type_of(ctx, name);
  if (!type) return;
  if (!type->starts_with("image")) {
    ctx.respond_detail(400, "Content type " + *type + " is not an image");
    return;
  }
  auto data = storage_.read(request.flow_id, name);
  if (!data) {
    ctx.respond_detail(404, "File " + name + " not found in flow " + request.flow_id);
    return;
  }
  http::Response response;
  response.status = 200;
  response.headers.set("Content-Type", *type);
  response.body = std::move(*data);
  ctx.respond(std::move(response));
}

void FilesHandlers::delete_file(api::Context& ctx, const api::req::delete_file& request) {
  if (!check_flow_access(ctx, request.flow_id)) return;
  const auto& name = request.file_name;
  if (!files::is_safe_name(name)) {
    ctx.respond_detail(400, "Invalid file name");
    return;
  }
  // Upstream's local storage only logs a missing file; the answer is the same.
  if (!storage_.remove(request.flow_id, name)) {
    ctx.respond_detail(500, "Failed to delete file " + name);
    return;
  }
  ctx.respond_json(200, {{"message", "File " + name + " deleted successfully"}});
}

}  // namespace lfkit::handlers
