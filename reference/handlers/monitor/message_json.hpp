// Stored messages in the two shapes the Monitor routes answer with:
// MessageResponse (listings, session renames) and MessageRead (updates).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "lfkit/api/models.hpp"
#include "store/entities.hpp"

namespace lfkit::handlers::monitor {

nlohmann::json message_response_json(const store::Message& m);
nlohmann::json message_read_json(const store::Message& m);

// Applies a MessageUpdate as upstream's sqlmodel_update of the fields sent and
// not null; a changed text marks the message edited.
void apply_message_update(store::Message& m, const api::model::MessageUpdate& update);

// Upstream sorts with getattr(MessageTable, order_by).asc(); nullopt when the
// column does not exist (only columns with a natural text/number order are kept).
std::optional<std::string> sort_messages(std::vector<store::Message>& messages,
                                         const std::string& order_by);

}  // namespace lfkit::handlers::monitor
