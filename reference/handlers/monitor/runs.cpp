// Vertex builds, transactions and the job-queue snapshot.
#include <algorithm>

#include "api/context.hpp"
#include "common/clock.hpp"
#include "handlers/monitor/monitor_handlers.hpp"

namespace lfkit::handlers {
namespace {

nlohmann::json parsed(const std::string& text) {
  auto value = nlohmann::json::parse(text, nullptr, false);
  return value.is_discarded() ? nlohmann::json::object() : value;
}

// Naive ISO timestamps, as SQLModel reads them back from SQLite.
std::string naive_iso(store::Time t) {
  auto text = iso_utc_micros(t);
  if (text.ends_with("+00:00")) text.resize(text.size() - 6);
  return text;
}

void respond_no_content(api::Context& ctx) {
  http::Response response;
  response.status = 204;
  ctx.respond(std::move(response));
}

}  // namespace

bool MonitorHandlers::owns_flow(const std::string& user_id, const std::string& flow_id) {
  return services_->store->get_flow(user_id, flow_id).has_value();
}

void MonitorHandlers::get_vertex_builds(api::Context& ctx,
                                        const api::req::get_vertex_builds& request) {
  // Foreign or unknown flows answer an empty map (no existence leak).
  auto builds = services_->store->list_vertex_builds(ctx.caller()->user_id, request.flow_id);
  if (!builds && builds.error().code != store::StoreErrorCode::not_found) {
    return ctx.respond_detail(500, builds.error().message);
  }
  nlohmann::ordered_json map = nlohmann::ordered_json::object();
  if (builds) {
    for (const auto& b : *builds) {
      nlohmann::ordered_json row = {
          {"timestamp", naive_iso(b.timestamp)},
          {"id", b.vertex_id},
          {"data", parsed(b.data_json)},
          {"artifacts", parsed(b.artifacts_json)},
          {"params", b.params},
          {"valid", b.valid},
          {"flow_id", b.flow_id},
          {"job_id", b.job_id ? nlohmann::ordered_json(*b.job_id) : nlohmann::ordered_json()},
          {"build_id", b.build_id}};
      map[b.vertex_id].push_back(std::move(row));
    }
  }
  nlohmann::ordered_json body = {{"vertex_builds", map}};
  ctx.respond(http::json_response(
      200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

void MonitorHandlers::delete_vertex_builds(api::Context& ctx,
                                           const api::req::delete_vertex_builds& request) {
  const auto& user_id = ctx.caller()->user_id;
  // Idempotent: a foreign or unknown flow is a no-op.
  if (owns_flow(user_id, request.flow_id)) {
    if (auto done = services_->store->delete_vertex_builds(user_id, request.flow_id); !done) {
      return ctx.respond_detail(500, done.error().message);
    }
  }
  respond_no_content(ctx);
}

// Upstream 1.10 (api/v1/monitor.py job_queue_metrics, superuser only) returns the
// queue service's metrics_snapshot(); its in-memory backend reports exactly
// {"backend": "memory", "active_jobs": len(_queues)}, one queue per /build job,
// kept after the run ends until it is cleaned up. lfkit's equivalent is the job
// manager's registry of /build jobs: registered and not yet expired (a finished
// job stays readable for five minutes). /run, webhook and v2 workflow runs are not
// counted, as upstream keeps no event queue for them either.
void MonitorHandlers::get_job_queue_metrics(api::Context& ctx,
                                            const api::req::get_job_queue_metrics&) {
  size_t active = 0;
  if (jobs_) {
    jobs_->sweep();
    active = jobs_->job_count("build");
  }
  nlohmann::ordered_json body;
  body["backend"] = "memory";
  body["active_jobs"] = active;
  ctx.respond_json_text(200, body.dump());
}

void MonitorHandlers::get_transactions(api::Context& ctx,
                                       const api::req::get_transactions& request) {
  const auto& user_id = ctx.caller()->user_id;
  const int64_t size = request.size;
  const int64_t page = request.page;
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  int64_t total = 0;
  const bool owned = owns_flow(user_id, request.flow_id);
  if (owned) {
    // Newest first (upstream orders by timestamp desc); the store pages oldest
    // first, so read every row and page here (rows are capped by retention).
    auto all = services_->store->list_transactions(user_id, request.flow_id,
                                                   store::PageRequest{1, INT32_MAX});
    if (!all) return ctx.respond_detail(500, all.error().message);
    auto rows = std::move(all->items);
    std::reverse(rows.begin(), rows.end());
    total = static_cast<int64_t>(rows.size());
    const int64_t begin = std::min(total, (page - 1) * size);
    const int64_t end = std::min(total, begin + size);
    for (int64_t i = begin; i < end; ++i) {
      const auto& t = rows[static_cast<size_t>(i)];
      items.push_back({{"id", t.id},
                       {"timestamp", naive_iso(t.timestamp)},
                       {"vertex_id", t.vertex_id},
                       {"target_id", t.target_id ? nlohmann::ordered_json(*t.target_id)
                                                 : nlohmann::ordered_json()},
                       {"inputs", parsed(t.inputs_json)},
                       {"outputs", parsed(t.outputs_json)},
                       {"status", t.status}});
    }
  }
  const int64_t pages = total == 0 ? 0 : (total + size - 1) / size;
  nlohmann::ordered_json body = {{"items", items},
                                 {"total", total},
                                 {"page", owned ? page : 1},
                                 {"size", size},
                                 {"pages", pages}};
  ctx.respond(http::json_response(
      200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

}  // namespace lfkit::handlers
