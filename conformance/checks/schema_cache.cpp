#include "conformance/checks/schema_cache.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace lfkit::conformance {

struct SchemaCache::Compiled {
  valijson::Schema schema;
  std::string compile_error;  // non-empty: unusable schema
};

SchemaCache::SchemaCache() = default;
SchemaCache::~SchemaCache() = default;

std::size_t SchemaCache::compiled_count() const {
  std::lock_guard lock(mutex_);
  return schemas_.size();
}

const SchemaCache::Compiled& SchemaCache::compile(std::string_view schema_json) {
  auto it = schemas_.find(schema_json);
  if (it != schemas_.end()) return *it->second;
  auto compiled = std::make_unique<Compiled>();
  auto doc = nlohmann::json::parse(schema_json, nullptr, false);
  if (doc.is_discarded()) {
    compiled->compile_error = "schema is not valid JSON";
  } else {
    try {
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter adapter(doc);
      parser.populateSchema(adapter, compiled->schema);
    } catch (const std::exception& e) {
      // valijson reports unusable schemas by throwing; keep it as a value.
      compiled->compile_error = std::string("schema does not compile: ") + e.what();
    }
  }
  return *schemas_.emplace(std::string(schema_json), std::move(compiled)).first->second;
}

Expected<void, std::vector<std::string>> SchemaCache::validate(std::string_view schema_json,
                                                               const nlohmann::json& value) {
  std::lock_guard lock(mutex_);
  const Compiled& compiled = compile(schema_json);
  if (!compiled.compile_error.empty()) {
    return unexpected(std::vector<std::string>{compiled.compile_error});
  }
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(value);
  if (validator.validate(compiled.schema, target, &results)) return {};
  std::vector<std::string> errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error) && errors.size() < 8) {
    std::string path;
    for (const auto& part : error.context) path += part;
    errors.push_back(path + ": " + error.description);
  }
  return unexpected(std::move(errors));
}

}  // namespace lfkit::conformance
