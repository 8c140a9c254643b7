#include "handlers/monitor/traces_handlers.hpp"

#include "api/context.hpp"
#include "handlers/monitor/trace_json.hpp"

namespace lfkit::handlers {
namespace {

using monitor::ojson;

void respond_ordered(api::Context& ctx, int status, const ojson& body) {
  ctx.respond(http::json_response(
      status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

void respond_no_content(api::Context& ctx) {
  http::Response response;
  response.status = 204;
  ctx.respond(std::move(response));
}

// A query date-time the parser let through but this server cannot read.
void respond_bad_datetime(api::Context& ctx, const char* name, const std::string& value) {
  ctx.respond_json(422, {{"detail",
                          {{{"type", "datetime_from_date_parsing"},
                            {"loc", {"query", name}},
                            {"msg", "Input should be a valid datetime"},
                            {"input", value}}}}});
}

}  // namespace

void TracesHandlers::get_traces(api::Context& ctx, const api::req::get_traces& request) {
  const auto& user_id = ctx.caller()->user_id;
  store::TraceQuery query;
  query.flow_id = request.flow_id;
  if (request.session_id && !request.session_id->empty()) query.session_id = request.session_id;
  query.status = request.status;
  query.text = monitor::sanitize_query(request.query);
  if (query.text && query.text->empty()) query.text.reset();
  if (request.start_time) {
    query.start_from = monitor::parse_iso_datetime(*request.start_time);
    if (!query.start_from) return respond_bad_datetime(ctx, "start_time", *request.start_time);
  }
  if (request.end_time) {
    query.start_until = monitor::parse_iso_datetime(*request.end_time);
    if (!query.start_until) return respond_bad_datetime(ctx, "end_time", *request.end_time);
  }
  // Page 0 passes validation; like SQL's negative OFFSET it reads the first page.
  query.page = store::PageRequest{std::max<int64_t>(request.page, 1), request.size};
  auto page = services_->store->list_traces(user_id, query);
  if (!page) return ctx.respond_detail(500, page.error().message);
  std::vector<std::string> ids;
  for (const auto& t : page->items) ids.push_back(t.id);
  auto spans = services_->store->list_spans(user_id, ids);
  if (!spans) return ctx.respond_detail(500, spans.error().message);
  ojson traces = ojson::array();
  for (const auto& t : page->items) {
    std::vector<store::Span> own;
    for (const auto& s : *spans) {
      if (s.trace_id == t.id) own.push_back(s);
    }
    traces.push_back(monitor::trace_summary_json(t, own));
  }
  const int64_t pages = page->total > 0 ? (page->total + request.size - 1) / request.size : 0;
  respond_ordered(ctx, 200, {{"traces", traces}, {"total", page->total}, {"pages", pages}});
}

void TracesHandlers::get_trace(api::Context& ctx, const api::req::get_trace& request) {
  const auto& user_id = ctx.caller()->user_id;
  auto trace = services_->store->get_trace(user_id, request.trace_id);
  if (!trace) {
    if (trace.error().code == store::StoreErrorCode::not_found) {
      return ctx.respond_detail(404, "Trace not found");
    }
    return ctx.respond_detail(500, "Database error");
  }
  auto spans = services_->store->list_spans(user_id, {trace->id});
  if (!spans) return ctx.respond_detail(500, "Database error");
  respond_ordered(ctx, 200, monitor::trace_read_json(*trace, *spans));
}

void TracesHandlers::delete_trace(api::Context& ctx, const api::req::delete_trace& request) {
  auto done = services_->store->delete_trace(ctx.caller()->user_id, request.trace_id);
  if (!done) {
    if (done.error().code == store::StoreErrorCode::not_found) {
      return ctx.respond_detail(404, "Trace not found");
    }
    return ctx.respond_detail(500, "Internal server error");
  }
  respond_no_content(ctx);
}

void TracesHandlers::delete_traces_by_flow(api::Context& ctx,
                                           const api::req::delete_traces_by_flow& request) {
  const auto& user_id = ctx.caller()->user_id;
  if (!services_->store->get_flow(user_id, request.flow_id)) {
    return ctx.respond_detail(404, "Flow not found");
  }
  if (auto done = services_->store->delete_traces(user_id, request.flow_id); !done) {
    return ctx.respond_detail(500, "Internal server error");
  }
  respond_no_content(ctx);
}

}  // namespace lfkit::handlers
