// Flow and project JSON as Langflow shapes them (FlowRead, FlowHeader,
// FolderRead, fastapi-pagination pages), plus the FlowCreate field checks the
// generated validators cannot express.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/entities.hpp"

namespace lfkit::handlers::flows {

inline constexpr std::string_view kStarterFolderName = "Starter Projects";

nlohmann::json flow_read_json(const store::Flow& flow);
nlohmann::json flow_header_json(const store::Flow& flow);
nlohmann::json flow_list_json(const std::vector<store::Flow>& flows);
nlohmann::json folder_read_json(const store::Folder& folder);
// {"items","total","page","size","pages"}; pages = ceil(total / size).
nlohmann::json page_json(nlohmann::json items, int64_t total, int64_t page, int64_t size);

// A JSON text column, or `fallback` when absent or unparsable.
nlohmann::json parse_column(const store::OptString& text,
                            nlohmann::json fallback = nlohmann::json());

// A rejected field: the HTTP status and the body to answer with.
struct Rejection {
  int status = 422;
  nlohmann::json body;
};

// FlowCreate/FlowUpdate validators of upstream's Flow model, run on the body as sent:
// endpoint_name (422 string detail), icon_bg_color and data (pydantic value errors).
// `allow_empty_endpoint` is PATCH/PUT's "clear it" spelling.
std::optional<Rejection> check_flow_fields(const nlohmann::json& body, bool allow_empty_endpoint);

// The flow has a Webhook component (upstream recomputes `webhook` from this on update).
bool has_webhook_component(const nlohmann::json& data);

// Export copy of a flow's data: values of password / API-key fields nulled
// (bindings to global variables, `load_from_db`, are kept).
nlohmann::json strip_secrets(nlohmann::json data);

}  // namespace lfkit::handlers::flows
