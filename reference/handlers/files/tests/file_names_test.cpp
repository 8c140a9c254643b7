// Name rules and the disk layout of uploaded files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/uuid.hpp"
#include "handlers/files/file_names.hpp"
#include "handlers/files/file_storage.hpp"

namespace files = lfkit::handlers::files;
namespace fs = std::filesystem;

TEST(FileNames, SafeNamesStayInTheirFolder) {
  EXPECT_TRUE(files::is_safe_name("report.pdf"));
  EXPECT_TRUE(files::is_safe_name("my file (1).txt"));
  EXPECT_TRUE(files::is_safe_name("..hidden"));
  EXPECT_TRUE(files::is_safe_name("na\xc3\xafve.txt"));
  EXPECT_FALSE(files::is_safe_name(""));
  EXPECT_FALSE(files::is_safe_name("."));
  EXPECT_FALSE(files::is_safe_name(".."));
  EXPECT_FALSE(files::is_safe_name("../etc/passwd"));
  EXPECT_FALSE(files::is_safe_name("/etc/passwd"));
  EXPECT_FALSE(files::is_safe_name("a/b"));
  EXPECT_FALSE(files::is_safe_name("..\\x"));
  EXPECT_FALSE(files::is_safe_name(std::string("a\0b", 3)));
  EXPECT_FALSE(files::is_safe_name("a\r\nSet-Cookie: x"));
  EXPECT_FALSE(files::is_safe_name("bad\xff.txt"));
  EXPECT_FALSE(files::is_safe_name("\xc0\xaf"));  // overlong '/'
  EXPECT_FALSE(files::is_safe_name(std::string(256, 'a')));
}

TEST(FileNames, SplitsLikePythonRsplit) {
  EXPECT_EQ(files::split_extension("a.b.txt"),
            std::make_pair(std::string("a.b"), std::string("txt")));
  EXPECT_EQ(files::split_extension("noext"), std::make_pair(std::string("noext"), std::string()));
  EXPECT_EQ(files::split_extension("trail."), std::make_pair(std::string("trail"), std::string()));
  EXPECT_EQ(files::last_dot_part("x.PNG"), "PNG");
  EXPECT_EQ(files::last_dot_part("x."), "");
  EXPECT_EQ(files::last_dot_part("plain"), "plain");
}

TEST(FileNames, UniqueRootFollowsUpstreamCounter) {
  EXPECT_EQ(files::unique_root("doc", {}), "doc");
  EXPECT_EQ(files::unique_root("doc", {"doc"}), "doc (1)");
  EXPECT_EQ(files::unique_root("doc", {"doc", "doc (1)", "doc (4)"}), "doc (5)");
  // Prefix matches count even for other names, as upstream's LIKE 'root%'.
  EXPECT_EQ(files::unique_root("doc", {"docs"}), "doc (1)");
  EXPECT_EQ(files::unique_root("doc", {"other (9)"}), "doc");
  // "(N)" only counts at the end or before a final extension.
  EXPECT_EQ(files::unique_root("a", {"a (2) b"}), "a (1)");
  EXPECT_EQ(files::unique_root("a", {"a (2).txt"}), "a (3)");
}

TEST(FileNames, ContentTypes) {
  EXPECT_EQ(files::content_type_for_extension("png"), "image/png");
  EXPECT_EQ(files::content_type_for_extension("JPG"), "image/jpeg");
  EXPECT_EQ(files::content_type_for_extension("svg"), "image/svg+xml");
  EXPECT_EQ(files::content_type_for_extension("txt"), "text/plain");
  EXPECT_EQ(files::content_type_for_extension("weird"), "application/octet-stream");
}

TEST(FileNames, Timestamps) {
  const auto t = std::chrono::system_clock::now();
  EXPECT_EQ(files::upload_timestamp(t).size(), 19u);
  EXPECT_EQ(files::zip_timestamp(t).size(), 15u);
}

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root = fs::temp_directory_path() / ("lfkit-files-" + lfkit::new_uuid());
    fs::create_directories(root / "outside");
  }
  void TearDown() override { fs::remove_all(root); }
  fs::path root;
};

TEST_F(StorageTest, SavesReadsListsRemoves) {
  files::FileStorage storage((root / "data").string());
  EXPECT_TRUE(storage.list("f1").empty());
  ASSERT_TRUE(storage.save("f1", "a.txt", std::string("x\0y", 3)));
  EXPECT_EQ(storage.read("f1", "a.txt"), std::string("x\0y", 3));
  EXPECT_EQ(storage.list("f1"), std::vector<std::string>{"a.txt"});
  EXPECT_TRUE(storage.exists("f1", "a.txt"));
  EXPECT_TRUE(storage.remove("f1", "a.txt"));
  EXPECT_FALSE(storage.read("f1", "a.txt").has_value());
  EXPECT_TRUE(storage.remove("f1", "a.txt"));  // already gone is fine
}

TEST_F(StorageTest, RefusesEveryEscape) {
  files::FileStorage storage((root / "data").string());
  std::ofstream(root / "outside" / "secret.txt") << "secret";
  for (const std::string& name : std::vector<std::string>{
           "../outside/secret.txt", "..", "/etc/passwd", "a/../../x", std::string("x\0y", 3)}) {
    EXPECT_FALSE(storage.save("f1", name, "data")) << name;
    EXPECT_FALSE(storage.read("f1", name).has_value()) << name;
    EXPECT_FALSE(storage.remove("f1", name)) << name;
  }
  EXPECT_FALSE(storage.read("..", "outside").has_value());
  EXPECT_TRUE(storage.list("../outside").empty());
  EXPECT_TRUE(fs::exists(root / "outside" / "secret.txt"));
}
