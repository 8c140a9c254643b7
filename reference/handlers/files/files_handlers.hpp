// Files tag: v1 files kept per flow (the flow must be the caller's), v2 files
// kept per user with a store record each, and the public profile pictures.
#pragma once

#include <memory>
#include <mutex>

#include "api/auth_services.hpp"
#include "handlers/files/file_storage.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

class FilesHandlers : public api::FilesHandlers {
 public:
  explicit FilesHandlers(std::shared_ptr<const api::Services> services);

  // v1 (files_v1.cpp)
  void upload_file(api::Context& ctx, const api::req::upload_file& request) override;
  void list_files(api::Context& ctx, const api::req::list_files& request) override;
  void download_file(api::Context& ctx, const api::req::download_file& request) override;
  void download_image(api::Context& ctx, const api::req::download_image& request) override;
  void delete_file(api::Context& ctx, const api::req::delete_file& request) override;
  // profile pictures (profile_pictures.cpp)
  void list_profile_pictures(api::Context& ctx,
                             const api::req::list_profile_pictures& request) override;
  void download_profile_picture(api::Context& ctx,
                                const api::req::download_profile_picture& request) override;
  // v2 (files_v2.cpp)
  void list_files_v2(api::Context& ctx, const api::req::list_files_v2& request) override;
  void upload_user_file(api::Context& ctx, const api::req::upload_user_file& request) override;
  void delete_all_files(api::Context& ctx, const api::req::delete_all_files& request) override;
  void download_files_batch(api::Context& ctx,
                            const api::req::download_files_batch& request) override;
  void delete_files_batch(api::Context& ctx, const api::req::delete_files_batch& request) override;
  void download_file_v2(api::Context& ctx, const api::req::download_file_v2& request) override;
  void edit_file_name(api::Context& ctx, const api::req::edit_file_name& request) override;
  void delete_file_v2(api::Context& ctx, const api::req::delete_file_v2& request) override;

 private:
  // Answers 404/403 (upstream's get_flow dependency) and returns false when
  // the flow is missing or not the caller's.
  bool check_flow_access(api::Context& ctx, const std::string& flow_id);
  // Answers 404/403 (upstream's fetch_file_object) when the record is missing
  // or not the caller's.
  std::optional<store::FileRecord> fetch_file(api::Context& ctx, const std::string& file_id);

  std::shared_ptr<const api::Services> services_;
  files::FileStorage storage_;
  // v2 uploads pick a unique name, write the bytes and insert the record as one
  // step, so two concurrent uploads never share (or delete) each other's bytes.
  std::mutex upload_mutex_;
};

}  // namespace lfkit::handlers
