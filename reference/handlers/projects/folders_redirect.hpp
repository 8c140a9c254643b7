// The legacy Folders tag: every /api/v1/folders/* route answers 307 to its
// /api/v1/projects/* twin before any authentication, as upstream does.
#pragma once

#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::projects {

class FoldersRedirect : public api::FoldersHandlers {
 public:
  void read_folders(api::Context& ctx, const api::req::read_folders& request) override;
  void create_folder(api::Context& ctx, const api::req::create_folder& request) override;
  void download_folder(api::Context& ctx, const api::req::download_folder& request) override;
  void upload_folder(api::Context& ctx, const api::req::upload_folder& request) override;
  void read_folder(api::Context& ctx, const api::req::read_folder& request) override;
  void update_folder(api::Context& ctx, const api::req::update_folder& request) override;
  void delete_folder(api::Context& ctx, const api::req::delete_folder& request) override;
};

// The Location upstream sends for GET /folders/{id}: only the parameters that
// were given (booleans as Python prints them), in upstream's order.
std::string read_folder_location(const api::req::read_folder& request);

}  // namespace lfkit::handlers::projects
