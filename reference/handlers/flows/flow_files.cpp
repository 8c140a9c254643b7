#include "handlers/flows/flow_files.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>

#include "archive/zip.hpp"
#include "handlers/flows/flow_json.hpp"

namespace lfkit::handlers::flows {
namespace {

using nlohmann::json;

constexpr size_t kMaxZipJsonEntries = 500;
constexpr size_t kMaxEntryBytes = 50u * 1024 * 1024;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool ends_with_json(std::string_view name) {
  if (name.size() < 5) return false;
  return lower(std::string(name.substr(name.size() - 5))) == ".json";
}

template <typename F>
void for_each_node(json& data, F&& visit) {
  if (!data.is_object() || !data.contains("nodes") || !data["nodes"].is_array()) return;
  for (auto& node : data["nodes"]) {
    if (node.is_object()) visit(node);
  }
}

// Calls `visit` on the value of every template field of type "code".
template <typename F>
void for_each_code_field(json& node, F&& visit) {
  if (!node.contains("data") || !node["data"].is_object()) return;
  auto& inner = node["data"];
  if (!inner.contains("node") || !inner["node"].is_object()) return;
  auto& component = inner["node"];
  if (!component.contains("template") || !component["template"].is_object()) return;
  for (auto& [name, field] : component["template"].items()) {
    if (field.is_object() && field.contains("type") && field["type"] == "code" &&
        field.contains("value")) {
      visit(field["value"]);
    }
  }
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  // Like Python's zipfile.is_zipfile: a readable archive, whatever the first bytes say;
  // anything else is then read as JSON.
  bool zip_magic = bytes.starts_with(std::string_view("PK\x03\x04", 4)) ||
                   bytes.starts_with(std::string_view("PK\x05\x06", 4));
  return zip_magic && archive::read_zip(bytes).has_value();
}

Outcome<std::vector<json>> read_zip_flows(std::string_view bytes) {
  auto entries = archive::read_zip(bytes);
  if (!entries) {
    return lfkit::unexpected(
        HttpError::detail(400, "Uploaded file is not a valid ZIP archive: " + entries.error()));
  }
  size_t json_entries = std::count_if(entries->begin(), entries->end(),
                                      [](const auto& e) { return ends_with_json(e.name); });
  if (json_entries > kMaxZipJsonEntries) {
    return lfkit::unexpected(HttpError::detail(400, "ZIP contains " + std::to_string(json_entries) +
                                                        " JSON entries, exceeding the limit of " +
                                                        std::to_string(kMaxZipJsonEntries)));
  }
  std::vector<json> flows;
  for (const auto& entry : *entries) {
    if (!ends_with_json(entry.name) || entry.data.size() > kMaxEntryBytes) continue;
    // project.json carries project metadata, never a flow.
    if (lower(entry.name.substr(entry.name.rfind('/') + 1)) == "project.json") continue;
    json parsed = json::parse(entry.data, nullptr, false);
    if (parsed.is_discarded()) continue;  // upstream skips unreadable entries
    flows.push_back(std::move(parsed));
  }
  return flows;
}

Outcome<std::vector<json>> read_uploaded_flows(std::string_view bytes) {
  json data;
  if (looks_like_zip(bytes)) {
    auto flows = read_zip_flows(bytes);
    if (!flows) return lfkit::unexpected(flows.error());
    if (flows->empty()) {
      return lfkit::unexpected(HttpError::detail(400, "No valid flow JSON files found in the ZIP"));
    }
    data = {{"flows", std::move(*flows)}};
  } else {
    data = json::parse(bytes, nullptr, false);
    if (data.is_discarded()) {
      return lfkit::unexpected(
          HttpError::detail(400, "Invalid JSON file: the file is not valid JSON"));
    }
  }
  if (!data.is_object()) {
    return lfkit::unexpected(HttpError::detail(
        422, "Invalid JSON: expected an object with 'flows' or a single flow object"));
  }
  std::vector<json> flows;
  if (data.contains("flows")) {
    if (!data["flows"].is_array()) {
      return lfkit::unexpected(
          HttpError::detail(422, "Invalid JSON: 'flows' must be a list of flow objects"));
    }
    for (size_t i = 0; i < data["flows"].size(); ++i) {
      if (!data["flows"][i].is_object()) {
        return lfkit::unexpected(HttpError::detail(
            422, "Invalid JSON: flows[" + std::to_string(i) + "] is not an object"));
      }
      flows.push_back(data["flows"][i]);
    }
  } else {
    flows.push_back(std::move(data));
  }
  for (auto& flow : flows) {
    join_code_lines(flow);
    if (auto errors = describe_flow_errors(flow); !errors.empty()) {
      return lfkit::unexpected(HttpError::detail(422, errors));
    }
  }
  return flows;
}

json export_flow_json(const store::Flow& flow) {
  json out = flow_read_json(flow);
  out["fs_path"] = flow.fs_path ? json(*flow.fs_path) : json(nullptr);
  out["data"] = strip_secrets(out["data"]);
  // Upstream's git-friendly export: fields that differ between instances go,
  // canvas UI state goes, code is one string per line.
  for (const char* key :
       {"updated_at", "created_at", "user_id", "folder_id", "access_type", "gradient"}) {
    out.erase(key);
  }
  for_each_node(out["data"], [](json& node) {
    for (const char* key : {"positionAbsolute", "dragging", "selected"}) node.erase(key);
    for_each_code_field(node, [](json& value) {
      if (!value.is_string()) return;
      json lines = json::array();
      const auto& text = value.get_ref<const std::string&>();
      size_t start = 0;
      for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(text.substr(start, end - start));
      }
      lines.push_back(text.substr(start));
      value = std::move(lines);
    });
  });
  return out;
}

void join_code_lines(json& flow) {
  if (!flow.is_object() || !flow.contains("data")) return;
  for_each_node(flow["data"], [](json& node) {
    for_each_code_field(node, [](json& value) {
      if (!value.is_array()) return;
      std::string text;
      for (size_t i = 0; i < value.size(); ++i) {
        if (i) text += '\n';
        if (value[i].is_string()) text += value[i].get_ref<const std::string&>();
      }
      value = std::move(text);
    });
  });
}

std::string safe_flow_file_name(std::string_view raw, std::string_view fallback) {
  std::string name;
  for (char c : raw) {
    if (c == '/' || c == '\\') {
      name += '_';
    } else if (c != '\0') {
      name += c;
    }
  }
  for (size_t at = name.find(".."); at != std::string::npos; at = name.find("..")) {
    name.replace(at, 2, "_");
  }
  auto first = name.find_first_not_of(" \t\r\n");
  auto last = name.find_last_not_of(" \t\r\n");
  name = first == std::string::npos ? std::string() : name.substr(first, last - first + 1);
  return name.empty() ? std::string(fallback) : name;
}

http::Response zip_download(const std::vector<store::Flow>& flows,
                            const std::string& content_disposition) {
  std::vector<archive::ZipEntry> entries;
  for (const auto& flow : flows) {
    entries.push_back(
        {safe_flow_file_name(flow.name, flow.id) + ".json", export_flow_json(flow).dump()});
  }
  http::Response response;
  response.status = 200;
  response.headers.set("Content-Type", "application/x-zip-compressed");
  response.headers.set("Content-Disposition", content_disposition);
  response.body = archive::write_zip(entries);
  return response;
}

std::string download_timestamp() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%d_%H%M%S", &utc);
  return buffer;
}

const api::FormField* uploaded_file_or_400(api::Context& ctx, const api::FormData* form) {
  const api::FormField* file = form ? form->find("file") : nullptr;
  if (!file) {
    ctx.respond_detail(400, "No file provided");
    return nullptr;
  }
  if (file->data.empty()) {
    ctx.respond_detail(400, "The uploaded file is empty");
    return nullptr;
  }
  return file;
}

}  // namespace lfkit::handlers::flows
