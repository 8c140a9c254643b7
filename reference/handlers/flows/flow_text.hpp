// FlowRead and FlowHeader written straight to JSON text, for the hot read
// paths (GET a flow, list flows). The stored `data` and `tags` columns are
// spliced in verbatim instead of being parsed and dumped again: the store only
// ever holds JSON text that lfkit itself dumped (flow_service, starter
// examples). Output is byte-identical to dump_json(flow_read_json(...)).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/entities.hpp"

namespace lfkit::handlers::flows {

void append_flow_read(std::string& out, const store::Flow& flow);
void append_flow_header(std::string& out, const store::Flow& flow);

std::string flow_read_text(const store::Flow& flow);

enum class FlowShape { read, header };

// A JSON array of the flows `keep` admits (all when unset), in `shape`.
std::string flow_list_text(const std::vector<store::Flow>& flows, FlowShape shape,
                           const std::function<bool(const store::Flow&)>& keep = {});

// page_json's text: {"items":<items>,"page":..,"pages":..,"size":..,"total":..}.
std::string page_text(std::string_view items, int64_t total, int64_t page, int64_t size);

}  // namespace lfkit::handlers::flows
