// Flow files: reading uploaded JSON/ZIP payloads into flow objects, and
// packaging flows for download (single JSON or ZIP).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "api/context.hpp"
#include "handlers/flows/flow_service.hpp"
#include "http/message.hpp"
#include "lfkit/api/runtime.hpp"
#include "store/entities.hpp"

namespace lfkit::handlers::flows {

// The bytes are a readable ZIP archive (otherwise uploads are read as JSON).
bool looks_like_zip(std::string_view bytes);

// The uploaded file's flows: a single flow object or {"flows": [...]}, or a ZIP of
// flow JSON files. Errors carry upstream's statuses and details.
Outcome<std::vector<nlohmann::json>> read_uploaded_flows(std::string_view bytes);

// The JSON of `name`.json entries of a ZIP (other entries are ignored).
Outcome<std::vector<nlohmann::json>> read_zip_flows(std::string_view bytes);

// A flow as exported (upstream's normalize_flow_for_export): secret values
// removed, instance-specific fields (updated_at, user_id, folder_id,
// access_type, gradient) and canvas UI state dropped, code fields as lines.
nlohmann::json export_flow_json(const store::Flow& flow);
// The import side: code fields given as line arrays become strings again.
void join_code_lines(nlohmann::json& flow);

// A file name from a flow name that cannot leave its folder (no separators, no "..").
std::string safe_flow_file_name(std::string_view name, std::string_view fallback);

// application/x-zip-compressed with one "<flow name>.json" per flow.
http::Response zip_download(const std::vector<store::Flow>& flows,
                            const std::string& content_disposition);

// "YYYYmmdd_HHMMSS" in UTC, the prefix of download file names.
std::string download_timestamp();

// The non-empty multipart "file" field of an upload (flows and projects), or
// nullptr after answering upstream's 400.
const api::FormField* uploaded_file_or_400(api::Context& ctx, const api::FormData* form);

}  // namespace lfkit::handlers::flows
