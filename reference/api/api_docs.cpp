#include "api/api_docs.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "config/build_info.hpp"
#include "lfkit/api/openapi_document.hpp"

namespace lfkit::api {
namespace {

using nlohmann::json;

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string schema_label(const json& schema) {
  if (!schema.is_object()) return "";
  if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
    const std::string& r = ref->get_ref<const std::string&>();
    return r.substr(r.rfind('/') + 1);
  }
  if (auto any = schema.find("anyOf"); any != schema.end() && any->is_array()) {
    std::string out;
    for (const auto& s : *any) out += (out.empty() ? "" : " | ") + schema_label(s);
    return out;
  }
  std::string type = schema.value("type", "");
  if (type == "array") return "array of " + schema_label(schema.value("items", json::object()));
  return type.empty() ? "any" : type;
}

struct Operation {
  std::string method, path;
  const json* op;
};

std::string render_operation(const Operation& o) {
  const json& op = *o.op;
  std::string h = "<section class=\"op\" id=\"" + escape_html(op.value("operationId", "")) +
                  "\"><h3><span class=\"m " + o.method + "\">" + o.method + "</span> <code>" +
                  escape_html(o.path) + "</code> <small>" +
                  escape_html(op.value("operationId", "")) + "</small></h3>";
  if (op.value("deprecated", false)) h += "<p class=\"dep\">Deprecated</p>";
  if (op.contains("summary")) h += "<p><b>" + escape_html(op.value("summary", "")) + "</b></p>";
  if (op.contains("description")) h += "<p>" + escape_html(op.value("description", "")) + "</p>";
  if (auto params = op.find("parameters"); params != op.end() && !params->empty()) {
    h += "<table><tr><th>parameter</th><th>in</th><th>type</th><th>required</th></tr>";
    for (const auto& p : *params) {
      h += "<tr><td><code>" + escape_html(p.value("name", "")) + "</code></td><td>" +
           escape_html(p.value("in", "")) + "</td><td>" +
           escape_html(schema_label(p.value("schema", json::object()))) + "</td><td>" +
           (p.value("required", false) ? "yes" : "") + "</td></tr>";
    }
    h += "</table>";
  }
  if (auto body = op.find("requestBody"); body != op.end()) {
    const json content_map = body->value("content", json::object());  // named: items() borrows
    for (const auto& [media, content] : content_map.items()) {
      h += "<p>Body (" + escape_html(media) + "): <code>" +
           escape_html(schema_label(content.value("schema", json::object()))) + "</code>" +
           (body->value("required", false) ? ", required" : "") + "</p>";
    }
  }
  if (auto responses = op.find("responses"); responses != op.end()) {
    h += "<p>Responses: ";
    for (const auto& [code, r] : responses->items()) {
      h += "<span class=\"r\" title=\"" + escape_html(r.value("description", "")) + "\">" +
           escape_html(code) + "</span> ";
    }
    h += "</p>";
  }
  return h + "</section>\n";
}

std::string render_page() {
  const json doc = json::parse(openapi_json());
  std::map<std::string, std::vector<Operation>> by_tag;
  size_t count = 0;
  // Operations point into `paths`, which lives as long as `doc`.
  static const json kNoPaths = json::object();
  const json& paths = doc.contains("paths") ? doc["paths"] : kNoPaths;
  for (const auto& [path, item] : paths.items()) {
    for (const auto& [method, op] : item.items()) {
      if (!op.is_object() || !op.contains("responses")) continue;
      std::string tag =
          op.contains("tags") && !op["tags"].empty() ? op["tags"][0].get<std::string>() : "Other";
      by_tag[tag].push_back(Operation{method, path, &op});
      ++count;
    }
  }
  const json info = doc.value("info", json::object());
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      escape_html(info.value("title", "API")) +
      " - API docs</title><style>"
      "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70em;padding:1em 2em;"
      "color:#1b1b1f}h2{border-bottom:2px solid #ddd;margin-top:2em}h3{font-size:1em;margin:.2em 0}"
      ".op{border:1px solid #e3e3e8;border-radius:6px;padding:.5em 1em;margin:.6em 0}"
      ".m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;"
      "font-size:.8em;padding:.1em .3em;text-transform:uppercase}"
      ".get{background:#2b7bb9}.post{background:#2e8b57}.put{background:#c77c02}"
      ".patch{background:#8a5cc7}.delete{background:#c0392b}.head{background:#666}"
      "table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:.2em .6em;"
      "text-align:left}small{color:#666}.r{background:#eef;border-radius:3px;padding:0 .3em}"
      ".dep{color:#c0392b}nav a{margin-right:.8em}</style></head><body>\n<h1>" +
      escape_html(info.value("title", "API")) + " <small>" +
      escape_html(info.value("version", "")) + "</small></h1>\n<p>" + std::to_string(count) +
      " operations, served by " + escape_html(config::lfkit_version_line()) +
      ". The machine-readable document: <a href=\"/openapi.json\">/openapi.json</a>.</p>\n<nav>";
  for (const auto& [tag, ops] : by_tag) {
    h += "<a href=\"#tag-" + escape_html(tag) + "\">" + escape_html(tag) + " (" +
         std::to_string(ops.size()) + ")</a> ";
  }
  h += "</nav>\n";
  for (const auto& [tag, ops] : by_tag) {
    h += "<h2 id=\"tag-" + escape_html(tag) + "\">" + escape_html(tag) + "</h2>\n";
    for (const auto& o : ops) h += render_operation(o);
  }
  return h + "</body></html>\n";
}

http::Response text_response(std::string content_type, std::string body) {
  http::Response r;
  r.headers.set("content-type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

}  // namespace

std::optional<http::Response> builtin_page(const http::Request& request) {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  const std::string_view path = request.path;
  if (path == "/openapi.json")
    return text_response("application/json", std::string(openapi_json()));
  if (path == "/docs" || path == "/redoc") {
    static const std::string page = render_page();  // built once, on first use
    return text_response("text/html; charset=utf-8", page);
  }
  if (path == "/lfkit/version") {
    return text_response("application/json", json{{"lfkit_version", config::lfkit_version()},
                                                  {"commit", config::lfkit_commit()}}
                                                 .dump());
  }
  return std::nullopt;
}

}  // namespace lfkit::api
