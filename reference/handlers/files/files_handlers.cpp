#include "handlers/files/files_handlers.hpp"

#include "api/context.hpp"

namespace lfkit::handlers {

FilesHandlers::FilesHandlers(std::shared_ptr<const api::Services> services)
    : services_(std::move(services)),
      storage_(services_ ? services_->settings.config_dir : std::string()) {}

bool FilesHandlers::check_flow_access(api::Context& ctx, const std::string& flow_id) {
  auto flow = services_->store->get_flow_unscoped(flow_id);
  if (!flow) {
    if (flow.error().code == store::StoreErrorCode::not_found) {
      ctx.respond_detail(404, "Flow not found");
    } else {
      ctx.respond_detail(500, flow.error().message);
    }
    return false;
  }
  if (!flow->user_id || *flow->user_id != ctx.caller()->user_id) {
    ctx.respond_detail(403, "You don't have access to this flow");
    return false;
  }
  return true;
}

std::optional<store::FileRecord> FilesHandlers::fetch_file(api::Context& ctx,
                                                           const std::string& file_id) {
  auto file = services_->store->get_file_unscoped(file_id);
  if (!file) {
    if (file.error().code == store::StoreErrorCode::not_found) {
      ctx.respond_detail(404, "File not found");
    } else {
      ctx.respond_detail(500, file.error().message);
    }
    return std::nullopt;
  }
  if (file->user_id != ctx.caller()->user_id) {
    ctx.respond_detail(403, "You don't have access to this file");
    return std::nullopt;
  }
  return *file;
}

}  // namespace lfkit::handlers
