#include <gtest/gtest.h>

#include <string>

#include "archive/zip.hpp"

namespace lfkit::archive {
namespace {

TEST(Zip, RoundTripsDeflatedStoredAndEmptyEntries) {
  std::vector<ZipEntry> entries = {{"flow.json", std::string(5000, 'a') + "{\"x\":1}"},
                                   {"tiny", "z"},
                                   {"empty.txt", ""},
                                   {"naïve name.json", "{}"}};
  auto bytes = write_zip(entries);
  auto back = read_zip(bytes);
  ASSERT_TRUE(back) << back.error();
  ASSERT_EQ(back->size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ((*back)[i].name, entries[i].name);
    EXPECT_EQ((*back)[i].data, entries[i].data);
  }
  EXPECT_LT(bytes.size(), 1000u);  // the 5 kB run of 'a' was deflated
}

TEST(Zip, EmptyArchive) {
  auto back = read_zip(write_zip({}));
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(back->empty());
}

TEST(Zip, RejectsNonZipInput) {
  auto r = read_zip("{\"name\": \"not a zip\"}");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("not a zip file"), std::string::npos);
}

TEST(Zip, DetectsCorruptedData) {
  auto bytes = write_zip({{"a.txt", "hello hello hello hello"}});
  bytes[35] ^= 0x55;  // inside the first entry's data
  EXPECT_FALSE(read_zip(bytes));
}

TEST(Zip, EveryTruncationIsAnErrorNotACrash) {
  auto bytes = write_zip({{"a.json", std::string(300, 'q')}, {"b.json", "bbbb"}});
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(read_zip(std::string_view(bytes).substr(0, n))) << "prefix of " << n;
  }
}

TEST(Zip, EnforcesExpansionLimit) {
  auto bytes = write_zip({{"big", std::string(100000, '0')}});
  auto r = read_zip(bytes, {10, 1000});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("size limit"), std::string::npos);
}

TEST(Zip, EnforcesEntryLimit) {
  auto bytes = write_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}});
  EXPECT_FALSE(read_zip(bytes, {2, 1000}));
}

}  // namespace
}  // namespace lfkit::archive
