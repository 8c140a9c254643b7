// Upstream's collision renaming for flows, endpoints and projects.
#include "handlers/flows/naming.hpp"

#include <gtest/gtest.h>

namespace lfkit::handlers::flows {
namespace {

TEST(FlowNaming, FreeNameIsKept) {
  EXPECT_EQ(unique_flow_name("Chat", {}), "Chat");
  EXPECT_EQ(unique_flow_name("Chat", {"Chat (1)", "Chatter"}), "Chat");
}

TEST(FlowNaming, FirstCollisionGetsOne) {
  EXPECT_EQ(unique_flow_name("Chat", {"Chat"}), "Chat (1)");
  EXPECT_EQ(unique_flow_name("Chat", {"Chat", "Chatter", "Chat (x)"}), "Chat (1)");
}

TEST(FlowNaming, NextAfterHighestSuffix) {
  EXPECT_EQ(unique_flow_name("Chat", {"Chat", "Chat (1)", "Chat (7)", "Chat (3)"}), "Chat (8)");
  // Only exact "<name> (<digits>)" shapes count.
  EXPECT_EQ(unique_flow_name("Chat", {"Chat", "Chat (2) copy", "Chat (9"}), "Chat (1)");
}

TEST(EndpointNaming, HyphenSuffix) {
  EXPECT_EQ(unique_endpoint_name("my-flow", {}), "my-flow");
  EXPECT_EQ(unique_endpoint_name("my-flow", {"my-flow"}), "my-flow-1");
  EXPECT_EQ(unique_endpoint_name("my-flow", {"my-flow", "my-flow-1", "my-flow-4", "my-flow-x"}),
            "my-flow-5");
}

TEST(ProjectNaming, ParenthesisedNumbers) {
  EXPECT_EQ(unique_project_name("Work", {"Workshop"}), "Work");
  EXPECT_EQ(unique_project_name("Work", {"Work"}), "Work (1)");
  EXPECT_EQ(unique_project_name("Work", {"Work", "Work (2)", "Workshop (5)"}), "Work (6)");
}

TEST(EndpointNaming, Validation) {
  EXPECT_TRUE(valid_endpoint_name("abc_DEF-123"));
  EXPECT_FALSE(valid_endpoint_name(""));
  EXPECT_FALSE(valid_endpoint_name("has space"));
  EXPECT_FALSE(valid_endpoint_name("slash/no"));
}

}  // namespace
}  // namespace lfkit::handlers::flows
