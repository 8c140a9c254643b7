#include "conformance/checks/schema_cache.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {
namespace {

constexpr std::string_view kFlowSchema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object", "required": ["id", "name"],
  "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                 "tags": {"type": "array", "items": {"$ref": "#/definitions/Tag"}}},
  "definitions": {"Tag": {"type": "string"}}})";

TEST(SchemaCache, ValidatesAndCompilesOnce) {
  SchemaCache cache;
  EXPECT_TRUE(cache.validate(kFlowSchema, {{"id", "x"}, {"name", "f"}, {"tags", {"a"}}}));
  auto bad = cache.validate(kFlowSchema, {{"id", "x"}, {"tags", {1}}});
  ASSERT_FALSE(bad);
  EXPECT_FALSE(bad.error().empty());
  EXPECT_EQ(cache.compiled_count(), 1u);
}

TEST(SchemaCache, TypesAreStrict) {
  SchemaCache cache;
  EXPECT_FALSE(cache.validate(R"({"type": "integer"})", "1"));
}

TEST(SchemaCache, ReportsUnusableSchemaAsAnError) {
  SchemaCache cache;
  auto result = cache.validate("{not json", nlohmann::json::object());
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().front().find("schema"), std::string::npos);
}

}  // namespace
}  // namespace lfkit::conformance
