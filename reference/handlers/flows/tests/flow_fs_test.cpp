// fs_path mirroring stays inside <config dir>/flows/<owner>/.
#include "handlers/flows/flow_fs.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace lfkit::handlers::flows {
namespace {

namespace fs = std::filesystem;

class FlowFs : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lfkit_flow_fs_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "flows" / "u1");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FlowFs, RelativePathsResolveInsideTheOwnersFolder) {
  auto path = safe_flow_path(dir_.string(), "u1", "sub/a.json");
  ASSERT_TRUE(path);
  EXPECT_EQ(*path, fs::weakly_canonical(dir_ / "flows" / "u1" / "sub" / "a.json"));
  // A leading slash makes the path absolute (upstream): outside the folder here.
  EXPECT_FALSE(safe_flow_path(dir_.string(), "u1", "/leading/slash.json"));
}

TEST_F(FlowFs, EscapesAreRefused) {
  auto traversal = safe_flow_path(dir_.string(), "u1", "../u2/x.json");
  ASSERT_FALSE(traversal);
  EXPECT_EQ(traversal.error().status, 400);
  EXPECT_EQ(traversal.error().body["detail"],
            "Invalid fs_path: directory traversal (..) is not allowed");
  auto backslash = safe_flow_path(dir_.string(), "u1", "..\\x.json");
  EXPECT_FALSE(backslash);
  auto absolute = safe_flow_path(dir_.string(), "u1", "/etc/passwd");
  ASSERT_FALSE(absolute);
  EXPECT_EQ(absolute.error().body["detail"], "Absolute path must be within your flows directory");
  auto inside = (fs::weakly_canonical(dir_ / "flows" / "u1") / "ok.json").string();
  EXPECT_TRUE(safe_flow_path(dir_.string(), "u1", inside));
  EXPECT_FALSE(safe_flow_path(dir_.string(), "u1", ""));
  // A sibling whose name merely starts with the owner's id is outside.
  auto sibling = (fs::weakly_canonical(dir_ / "flows") / "u1x" / "a.json").string();
  EXPECT_FALSE(safe_flow_path(dir_.string(), "u1", sibling));
}

TEST_F(FlowFs, SymlinksLeadingOutAreRefused) {
  fs::create_directory_symlink(fs::temp_directory_path(), dir_ / "flows" / "u1" / "out");
  auto escaped = safe_flow_path(dir_.string(), "u1", "out/x.json");
  ASSERT_FALSE(escaped);
  EXPECT_EQ(escaped.error().body["detail"], "Invalid path: resolves outside allowed directory");
}

TEST_F(FlowFs, SaveWritesTheFlowJson) {
  store::Flow flow;
  flow.id = "f1";
  flow.name = "Saved";
  flow.user_id = "u1";
  flow.fs_path = "nested/saved.json";
  ASSERT_TRUE(save_flow_to_fs(dir_.string(), flow));
  std::ifstream in(dir_ / "flows" / "u1" / "nested" / "saved.json");
  auto written = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(written.is_discarded());
  EXPECT_EQ(written["name"], "Saved");
}

}  // namespace
}  // namespace lfkit::handlers::flows
