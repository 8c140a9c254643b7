// A fresh SQLite store in a private temp directory per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "store/sqlite_store.hpp"

namespace lfkit::store::testing {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lfkit-store-" + std::to_string(std::random_device{}()) + "-" +
            std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    reopen();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void reopen() {
    store_.reset();
    auto opened = SqliteStore::open((dir_ / "langflow.db").string());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(*opened);
  }

  User make_user(const std::string& username) {
    User u;
    u.username = username;
    u.password_hash = "hash-of-" + username;
    u.is_active = true;
    auto created = store_->create_user(u);
    EXPECT_TRUE(created.has_value());
    return created.value();
  }

  Folder make_folder(const std::string& user_id, const std::string& name) {
    Folder f;
    f.name = name;
    f.user_id = user_id;
    auto created = store_->create_folder(f);
    EXPECT_TRUE(created.has_value());
    return created.value();
  }

  Flow make_flow(const std::string& user_id, const std::string& name,
                 std::optional<std::string> folder_id = std::nullopt) {
    Flow f;
    f.name = name;
    f.user_id = user_id;
    f.folder_id = std::move(folder_id);
    f.data_json = R"({"nodes":[],"edges":[]})";
    auto created = store_->create_flow(f);
    EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().message);
    return created.value();
  }

  Message make_message(const std::string& flow_id, const std::string& session,
                       const std::string& text, int64_t micros) {
    Message m;
    m.flow_id = flow_id;
    m.session_id = session;
    m.sender = "User";
    m.sender_name = "User";
    m.text = text;
    m.timestamp = Time(std::chrono::microseconds(micros));
    auto added = store_->add_message(m);
    EXPECT_TRUE(added.has_value());
    return added.value();
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace lfkit::store::testing
