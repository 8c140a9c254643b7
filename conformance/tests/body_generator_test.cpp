#include "conformance/runner/body_generator.hpp"

#include <gtest/gtest.h>

#include "conformance/checks/schema_cache.hpp"

namespace lfkit::conformance {
namespace {

TEST(BodyGenerator, MinimalInstanceValidatesAgainstItsSchema) {
  const auto schema = nlohmann::json::parse(R"({
    "type": "object", "required": ["name", "kind", "ids", "tags"],
    "properties": {
      "name": {"type": "string", "minLength": 3},
      "kind": {"enum": ["chat", "text"]},
      "ids": {"type": "array", "minItems": 1, "items": {"type": "string", "format": "uuid"}},
      "tags": {"$ref": "#/definitions/Tags"},
      "optional": {"type": "integer"}},
    "definitions": {"Tags": {"anyOf": [{"type": "null"}, {"type": "object"}]}}})");
  const auto instance = minimal_instance(schema, schema);
  EXPECT_EQ(instance["name"], "xxx");
  EXPECT_EQ(instance["kind"], "chat");
  EXPECT_FALSE(instance.contains("optional"));
  SchemaCache cache;
  EXPECT_TRUE(cache.validate(schema.dump(), instance));
}

}  // namespace
}  // namespace lfkit::conformance
