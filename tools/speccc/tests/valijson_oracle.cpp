#include "valijson_oracle.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "lfkit/api/schemas.hpp"

namespace speccc_test {

namespace {

const valijson::Schema& schema_for(std::string_view component) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(component);
  if (it != cache.end()) return *it->second;
  const std::string_view text = lfkit::api::draft7_schema(component);
  if (text.empty()) throw std::logic_error("unknown component " + std::string(component));
  const auto doc = nlohmann::json::parse(text);
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  parser.populateSchema(adapter, *schema);
  return *cache.emplace(std::string(component), std::move(schema)).first->second;
}

}  // namespace

bool valijson_accepts(std::string_view component, const nlohmann::json& value) {
  const valijson::Schema& schema = schema_for(component);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::adapters::NlohmannJsonAdapter target(value);
  return validator.validate(schema, target, nullptr);
}

}  // namespace speccc_test
