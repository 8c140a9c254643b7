// Files v2: one store record per file, bytes under <config_dir>/<user_id>/.
#include <algorithm>
#include <chrono>

#include "api/context.hpp"
#include "archive/zip.hpp"
#include "common/uuid.hpp"
#include "handlers/files/file_names.hpp"
#include "handlers/files/files_handlers.hpp"

namespace lfkit::handlers {
namespace {

constexpr int64_t kMiB = 1024 * 1024;

// The per-user MCP servers config: re-uploading replaces it, listings hide it.
std::string mcp_file_name(const std::string& user_id) {
  return "_mcp_servers_" + user_id;
}

// The stored file name: the record path after its last '/'.
std::string stored_name(const store::FileRecord& file) {
  const auto slash = file.path.rfind('/');
  return slash == std::string::npos ? file.path : file.path.substr(slash + 1);
}

// Python's PurePath.suffix: ".txt" for "a.b.txt", "" for "a", "a." and ".rc".
std::string path_suffix(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) return "";
  return name.substr(dot);
}

// Naive timestamps, as SQLModel reads them back from SQLite.
std::string naive_iso(store::Time t) {
  auto text = iso_utc_micros(t);
  if (text.ends_with("+00:00")) text.resize(text.size() - 6);
  return text;
}

nlohmann::json file_json(const store::FileRecord& f) {
  return {{"id", f.id},
          {"user_id", f.user_id},
          {"name", f.name},
          {"path", f.path},
          {"size", f.size},
          {"provider", f.provider ? nlohmann::json(*f.provider) : nlohmann::json(nullptr)},
          {"created_at", naive_iso(f.created_at)},
          {"updated_at", naive_iso(f.updated_at)}};
}

nlohmann::json upload_response(const store::FileRecord& f) {
  return {{"id", f.id},
          {"name", f.name},
          {"path", f.path},
          {"size", f.size},
          {"provider", f.provider ? nlohmann::json(*f.provider) : nlohmann::json(nullptr)}};
}

}  // namespace

void FilesHandlers::list_files_v2(api::Context& ctx, const api::req::list_files_v2&) {
  const auto& user_id = ctx.caller()->user_id;
  auto files = services_->store->list_files(user_id);
  if (!files) return ctx.respond_detail(500, "Error listing files: " + files.error().message);
  nlohmann::json list = nlohmann::json::array();
  const auto hidden = mcp_file_name(user_id);
  for (const auto& f : *files) {
    if (f.name != hidden) list.push_back(file_json(f));
  }
  ctx.respond_json(200, list);
}

void FilesHandlers::upload_user_file(api::Context& ctx, const api::req::upload_user_file& request) {
  const auto& user_id = ctx.caller()->user_id;
  const auto limit_mb = services_->settings.max_file_size_upload;
  const api::FormField* file = request.form ? request.form->find("file") : nullptr;
  if (file == nullptr || file->filename.empty()) {
    return ctx.respond_detail(400, "No file provided");
  }
  if (static_cast<int64_t>(file->data.size()) > limit_mb * kMiB) {
    return ctx.respond_detail(
        413, "File size is larger than the maximum file size " + std::to_string(limit_mb) + "MB.");
  }
  const std::string& original = file->filename;
  if (!files::is_safe_name(original)) return ctx.respond_detail(400, "Invalid file name");

  std::lock_guard lock(upload_mutex_);
  auto [root, extension] = files::split_extension(original);
  std::string unique_file_name;
  if (original == mcp_file_name(user_id) + ".json") {
    // Replace the previous MCP config, if any.
    if (auto files = services_->store->list_files(user_id)) {
      for (const auto& f : *files) {
        if (f.name != root) continue;
        storage_.remove(user_id, stored_name(f));
        (void)services_->store->delete_file(user_id, f.id);
      }
    }
    unique_file_name = original;
  } else {
    auto existing = services_->store->file_names_with_prefix(user_id, root);
    if (!existing) return ctx.respond_detail(500, "Database error: " + existing.error().message);
    root = files::unique_root(root, *existing);
    unique_file_name = extension.empty() ? root : root + "." + extension;
  }
  // A renamed record keeps its old bytes' name; never overwrite those.
  std::string stored = unique_file_name;
  if (!files::is_safe_name(stored) || storage_.exists(user_id, stored)) {
    stored = new_uuid() + (extension.empty() ? "" : "." + extension);
  }
  if (!storage_.save(user_id, stored, file->data)) {
    return ctx.respond_detail(500, "Error accessing file: could not write " + stored);
  }
  store::FileRecord record;
  record.id = new_uuid();
  record.user_id = user_id;
  record.name = root;
  record.path = user_id + "/" + stored;
  record.size = static_cast<int64_t>(file->data.size());
  auto created = services_->store->create_file(std::move(record));
  if (!created) {
    storage_.remove(user_id, stored);
    if (created.error().code == store::StoreErrorCode::conflict) {
      return ctx.respond_detail(409, "File with name " + root + " already exists");
    }
    return ctx.respond_detail(
        500, "Error inserting file metadata into database: " + created.error().message);
  }
  ctx.respond_json(201, upload_response(*created));
}

void FilesHandlers::delete_all_files(api::Context& ctx, const api::req::delete_all_files&) {
  const auto& user_id = ctx.caller()->user_id;
  auto deleted = services_->store->delete_all_files(user_id);
  if (!deleted) {
    return ctx.respond_detail(500, "Error deleting all files: " + deleted.error().message);
  }
  for (const auto& f : *deleted) storage_.remove(user_id, stored_name(f));
  ctx.respond_json(200, {{"message", "All files deleted successfully"}});
}

void FilesHandlers::delete_files_batch(api::Context& ctx,
                                       const api::req::delete_files_batch& request) {
  const auto& user_id = ctx.caller()->user_id;
  auto deleted = services_->store->delete_files(user_id, request.body);
  if (!deleted) {
    return ctx.respond_detail(500, "Error deleting files: " + deleted.error().message);
  }
  if (deleted->empty()) return ctx.respond_detail(404, "No files found");
  for (const auto& f : *deleted) storage_.remove(user_id, stored_name(f));
  ctx.respond_json(200,
                   {{"message", std::to_string(deleted->size()) + " files deleted successfully"}});
}

void FilesHandlers::download_files_batch(api::Context& ctx,
                                         const api::req::download_files_batch& request) {
  const auto& user_id = ctx.caller()->user_id;
  auto files = services_->store->list_files(user_id);
  if (!files) return ctx.respond_detail(500, "Error downloading files: " + files.error().message);
  std::vector<archive::ZipEntry> entries;
  for (const auto& f : *files) {
    if (std::find(request.body.begin(), request.body.end(), f.id) == request.body.end()) continue;
    auto data = storage_.read(user_id, stored_name(f));
    if (!data) {
      return ctx.respond_detail(
          500, "Error downloading files: File " + stored_name(f) + " not found in flow " + user_id);
    }
    entries.push_back({f.name + path_suffix(stored_name(f)), std::move(*data)});
  }
  if (entries.empty()) return ctx.respond_detail(404, "No files found");
  http::Response response;
  response.status = 200;
  response.headers.set("Content-Type", "application/x-zip-compressed");
  response.headers.set(
      "Content-Disposition",
      "attachment; filename=" + files::zip_timestamp(std::chrono::system_clock::now()) +
          "_langflow_files.zip");
  response.body = archive::write_zip(entries);
  ctx.respond(std::move(response));
}

void FilesHandlers::download_file_v2(api::Context& ctx, const api::req::download_file_v2& request) {
  auto file = fetch_file(ctx, request.file_id);
  if (!file) return;
  const auto name = stored_name(*file);
  auto data = storage_.read(ctx.caller()->user_id, name);
  if (!data) return ctx.respond_detail(404, "File not found");
  if (request.return_content) {
    if (!files::is_valid_utf8(*data)) return ctx.respond_detail(400, "Invalid file encoding");
    return ctx.respond_json(200, *data);
  }
  http::Response response;
  response.status = 200;
  response.headers.set("Content-Type", "application/octet-stream");
  response.headers.set("Content-Disposition",
                       "attachment; filename=\"" + file->name + path_suffix(name) + "\"");
  response.body = std::move(*data);
  ctx.respond(std::move(response));
}

void FilesHandlers::edit_file_name(api::Context& ctx, const api::req::edit_file_name& request) {
  auto file = fetch_file(ctx, request.file_id);
  if (!file) return;
  // Names end up in Content-Disposition headers and zip entries.
  if (!files::is_safe_name(request.name)) return ctx.respond_detail(400, "Invalid file name");
  file->name = request.name;
  auto updated = services_->store->update_file(ctx.caller()->user_id, *file);
  if (!updated) {
    if (updated.error().code == store::StoreErrorCode::conflict) {
      return ctx.respond_detail(409, "File with name " + request.name + " already exists");
    }
    return ctx.respond_detail(500, "Error editing file: " + updated.error().message);
  }
  ctx.respond_json(200, upload_response(*updated));
}

void FilesHandlers::delete_file_v2(api::Context& ctx, const api::req::delete_file_v2& request) {
  auto file = fetch_file(ctx, request.file_id);
  if (!file) return;
  const auto& user_id = ctx.caller()->user_id;
  // Upstream removes the bytes first and only logs a storage failure.
  storage_.remove(user_id, stored_name(*file));
  if (auto gone = services_->store->delete_file(user_id, file->id); !gone) {
    return ctx.respond_detail(500, "Error deleting file: " + gone.error().message);
  }
  ctx.respond_json(200, {{"detail", "File " + file->name + " deleted successfully"}});
}

}  // namespace lfkit::handlers
