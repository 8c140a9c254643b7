// The Location of GET /folders/{id}: only given parameters, upstream's order and spelling.
#include "handlers/projects/folders_redirect.hpp"

#include <gtest/gtest.h>

namespace lfkit::handlers::projects {
namespace {

constexpr const char* kId = "0b8c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";

TEST(FoldersRedirect, BareFolderHasNoQuery) {
  api::req::read_folder request;
  request.folder_id = kId;
  EXPECT_EQ(read_folder_location(request), std::string("/api/v1/projects/") + kId);
}

TEST(FoldersRedirect, ParametersInUpstreamOrder) {
  api::req::read_folder request;
  request.folder_id = kId;
  request.size = 5;
  request.page = 2;
  request.search = "abc";
  request.is_flow = true;
  request.is_component = true;
  EXPECT_EQ(read_folder_location(request),
            std::string("/api/v1/projects/") + kId +
                "?is_component=True&is_flow=True&search=abc&page=2&size=5");
}

TEST(FoldersRedirect, FalseFlagsAndEmptySearchAreLeftOut) {
  api::req::read_folder request;
  request.folder_id = kId;
  request.page = 1;
  EXPECT_EQ(read_folder_location(request), std::string("/api/v1/projects/") + kId + "?page=1");
}

}  // namespace
}  // namespace lfkit::handlers::projects
