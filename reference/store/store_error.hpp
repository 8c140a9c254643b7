// Expected store failures, as values the handlers map to HTTP statuses.
#pragma once

#include <string>

#include "common/expected.hpp"

namespace lfkit::store {

enum class StoreErrorCode {
  not_found,  // no such row visible to the caller (another user's rows are "not found" too)
  conflict,   // a uniqueness rule was violated
  invalid,    // a reference points nowhere, or an argument is unusable
  io,         // the database failed
};

struct StoreError {
  StoreErrorCode code = StoreErrorCode::io;
  std::string message;
};

template <typename T>
using Result = lfkit::Expected<T, StoreError>;
using Status = lfkit::Expected<void, StoreError>;

inline lfkit::Unexpected<StoreError> store_failure(StoreErrorCode code, std::string message) {
  return lfkit::unexpected(StoreError{code, std::move(message)});
}

}  // namespace lfkit::store
