#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

TEST_F(StoreTest, VariableCrudAndUniqueName) {
  User u = make_user("alice");
  Variable v;
  v.user_id = u.id;
  v.name = "OPENAI_API_KEY";
  v.value = "ciphertext";
  v.type = "Credential";
  v.default_fields_json = "[]";
  auto created = store_->create_variable(v);
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(store_->get_variable(u.id, created->id)->value, "ciphertext");
  EXPECT_EQ(store_->find_variable_by_name(u.id, "OPENAI_API_KEY")->type, "Credential");

  auto dup = store_->create_variable(v);
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, StoreErrorCode::conflict);

  Variable changed = *created;
  changed.value = "new-ciphertext";
  changed.type = "Generic";
  auto updated = store_->update_variable(u.id, changed);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->value, "new-ciphertext");
  EXPECT_EQ(updated->type, "Generic");
  EXPECT_EQ(updated->created_at, created->created_at);

  EXPECT_EQ(store_->list_variables(u.id)->size(), 1u);
  ASSERT_TRUE(store_->delete_variable(u.id, created->id).has_value());
  EXPECT_EQ(store_->get_variable(u.id, created->id).error().code, StoreErrorCode::not_found);
}

TEST_F(StoreTest, FileCrud) {
  User u = make_user("alice");
  FileRecord f;
  f.user_id = u.id;
  f.name = "report";
  f.path = u.id + "/abc.pdf";
  f.size = 1234;
  f.provider = "local";
  auto created = store_->create_file(f);
  ASSERT_TRUE(created.has_value());
  auto got = store_->get_file(u.id, created->id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->size, 1234);
  EXPECT_EQ(got->provider, "local");
  EXPECT_EQ(store_->create_file(f).error().code, StoreErrorCode::conflict);

  FileRecord renamed = *got;
  renamed.name = "report (1)";
  EXPECT_EQ(store_->update_file(u.id, renamed)->name, "report (1)");
  EXPECT_EQ(store_->file_names_with_prefix(u.id, "report")->size(), 1u);

  FileRecord second = f;
  second.name = "notes";
  auto created2 = store_->create_file(second);
  ASSERT_TRUE(created2.has_value());
  EXPECT_EQ(store_->list_files(u.id)->size(), 2u);

  auto deleted = store_->delete_files(u.id, {created->id, "missing"});
  ASSERT_EQ(deleted->size(), 1u);
  EXPECT_EQ((*deleted)[0].name, "report (1)");
  auto rest = store_->delete_all_files(u.id);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_TRUE(store_->list_files(u.id)->empty());
  EXPECT_EQ(store_->delete_file(u.id, created2->id).error().code, StoreErrorCode::not_found);
}

}  // namespace
}  // namespace lfkit::store::testing
