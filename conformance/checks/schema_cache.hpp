// Compiles each draft-07 schema text once (valijson) and validates JSON
// values against it. Thread-safe; schemas are keyed by their text.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/expected.hpp"

namespace lfkit::conformance {

class SchemaCache {
 public:
  SchemaCache();
  ~SchemaCache();
  // Ok, or the list of validation errors ("<path>: <message>"); a schema
  // that cannot be compiled yields one error naming that.
  Expected<void, std::vector<std::string>> validate(std::string_view schema_json,
                                                    const nlohmann::json& value);
  std::size_t compiled_count() const;

 private:
  struct Compiled;
  const Compiled& compile(std::string_view schema_json);
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Compiled>, std::less<>> schemas_;
};

}  // namespace lfkit::conformance
