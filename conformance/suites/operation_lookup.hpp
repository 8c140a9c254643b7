// Finds spec operations by method and path template, which is more stable
// than operationIds across spec revisions.
#pragma once

#include "lfkit/api/operations.hpp"

namespace lfkit::conformance {

inline const api::OperationInfo* find_operation(api::Method method, std::string_view path) {
  for (const auto& op : api::all_operations()) {
    if (op.method == method && op.path == path && op.alias_of.empty()) return &op;
  }
  return nullptr;
}

inline bool needs_credentials(const api::OperationInfo& op) {
  return op.auth == api::Auth::current_user || op.auth == api::Auth::superuser ||
         op.auth == api::Auth::api_key;
}

// Whether the positive check needs the run's credentials to call it.
inline bool needs_credentials_to_call(const api::OperationInfo& op) {
  return needs_credentials(op) || op.auth == api::Auth::mcp;
}

}  // namespace lfkit::conformance
