// Trace storage (owner scoping, filters, paging, cascades) and the trace payloads.
#include <gtest/gtest.h>

#include "handlers/monitor/trace_json.hpp"
#include "store/tests/store_fixture.hpp"

using namespace lfkit;
using namespace std::chrono_literals;
namespace monitor = lfkit::handlers::monitor;

namespace {

store::Time at(int64_t seconds) {
  return store::Time(std::chrono::seconds(1'700'000'000 + seconds));
}

store::Span span(std::string id, std::optional<std::string> parent, std::string name,
                 std::optional<std::string> attributes = std::nullopt) {
  store::Span s;
  s.id = std::move(id);
  s.parent_span_id = std::move(parent);
  s.name = std::move(name);
  s.attributes_json = std::move(attributes);
  return s;
}

class TraceStoreTest : public store::testing::StoreTest {
 protected:
  store::Trace add(const std::string& flow_id, const std::string& name, int64_t start,
                   std::string status = "ok", std::string session = "s1",
                   std::vector<store::Span> spans = {}) {
    store::Trace t;
    t.name = name;
    t.flow_id = flow_id;
    t.status = std::move(status);
    t.session_id = std::move(session);
    t.start_time = at(start);
    t.end_time = at(start + 1);
    auto created = store_->add_trace(t, std::move(spans));
    EXPECT_TRUE(created.has_value());
    return created.value();
  }
};

}  // namespace

TEST_F(TraceStoreTest, OwnerScopedListFiltersAndPages) {
  auto alice = make_user("alice");
  auto bob = make_user("bob");
  auto fa = make_flow(alice.id, "a");
  auto fb = make_flow(bob.id, "b");
  add(fa.id, "first run", 1);
  add(fa.id, "second run", 2, "error", "s2");
  add(fa.id, "third run", 3);
  add(fb.id, "bob run", 4);

  store::TraceQuery q;
  auto all = store_->list_traces(alice.id, q);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->total, 3);
  EXPECT_EQ(all->items.front().name, "third run");  // newest first

  q.status = "error";
  EXPECT_EQ(store_->list_traces(alice.id, q)->total, 1);
  q = {};
  q.session_id = "s2";
  EXPECT_EQ(store_->list_traces(alice.id, q)->items.at(0).name, "second run");
  q = {};
  q.text = "THIRD";  // case-insensitive name match
  EXPECT_EQ(store_->list_traces(alice.id, q)->total, 1);
  q = {};
  q.start_from = at(2);
  q.start_until = at(2);
  EXPECT_EQ(store_->list_traces(alice.id, q)->total, 1);
  q = {};
  q.flow_id = fb.id;  // another user's flow
  EXPECT_EQ(store_->list_traces(alice.id, q)->total, 0);
  q = {};
  q.page = {2, 2};
  auto page2 = store_->list_traces(alice.id, q);
  ASSERT_EQ(page2->items.size(), 1u);
  EXPECT_EQ(page2->items[0].name, "first run");
  EXPECT_EQ(page2->total, 3);
}

TEST_F(TraceStoreTest, GetDeleteAndCascade) {
  auto alice = make_user("alice");
  auto bob = make_user("bob");
  auto fa = make_flow(alice.id, "a");
  auto t = add(fa.id, "run", 1, "ok", "s",
               {span("", std::nullopt, "root"), span("", std::nullopt, "x")});
  EXPECT_FALSE(store_->get_trace(bob.id, t.id));
  EXPECT_EQ(store_->get_trace(bob.id, t.id).error().code, store::StoreErrorCode::not_found);
  EXPECT_TRUE(store_->list_spans(bob.id, {t.id})->empty());
  EXPECT_EQ(store_->list_spans(alice.id, {t.id})->size(), 2u);
  EXPECT_EQ(store_->delete_trace(bob.id, t.id).error().code, store::StoreErrorCode::not_found);
  ASSERT_TRUE(store_->delete_trace(alice.id, t.id));
  EXPECT_FALSE(store_->get_trace(alice.id, t.id));
  EXPECT_TRUE(store_->list_spans(alice.id, {t.id})->empty());

  auto t2 = add(fa.id, "run2", 2);
  ASSERT_TRUE(store_->delete_traces(bob.id, fa.id));  // not bob's: no-op
  EXPECT_TRUE(store_->get_trace(alice.id, t2.id));
  ASSERT_TRUE(store_->delete_flow(alice.id, fa.id));  // traces go with their flow
  EXPECT_FALSE(store_->get_trace(alice.id, t2.id));
}

TEST_F(TraceStoreTest, SurvivesReopen) {
  auto alice = make_user("alice");
  auto fa = make_flow(alice.id, "a");
  auto t = add(fa.id, "kept", 1);
  reopen();
  auto again = store_->get_trace(alice.id, t.id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->name, "kept");
  EXPECT_EQ(again->start_time, at(1));
}

TEST(TraceJson, TreeTokensAndIo) {
  store::Trace t;
  t.id = "t1";
  t.name = "Flow run";
  t.status = "ok";
  t.flow_id = "f1";
  t.total_tokens = 99;
  std::vector<store::Span> spans = {
      span("root", std::nullopt, "Agent", R"({"total_tokens": 30, "model_name": "gpt"})"),
      span("c1", "root", "LLM call", R"({"llm.usage.total_tokens": "12.0"})"),
      span("c2", "root", "Chat Input", R"({"total_tokens": 8})"),
      span("orphan", "missing-parent", "Tool", std::nullopt),
  };
  spans[2].inputs_json = R"({"input_value": "hi"})";
  spans[0].end_time = at(5);
  spans[0].outputs_json = R"({"message": "done"})";

  EXPECT_EQ(monitor::leaf_token_total(spans), 20);  // leaves only: 12 + 8 + 0
  auto read = monitor::trace_read_json(t, spans);
  EXPECT_EQ(read["totalTokens"], 20);
  EXPECT_EQ(read["sessionId"], "t1");
  EXPECT_EQ(read["input"], monitor::ojson({{"input_value", "hi"}}));
  EXPECT_EQ(read["output"], monitor::ojson({{"message", "done"}}));
  ASSERT_EQ(read["spans"].size(), 2u);  // root and the orphan
  EXPECT_EQ(read["spans"][0]["children"].size(), 2u);
  EXPECT_EQ(read["spans"][0]["modelName"], "gpt");
  EXPECT_EQ(read["spans"][0]["tokenUsage"]["totalTokens"], 30);
  EXPECT_TRUE(read["spans"][1]["tokenUsage"].is_null());

  auto summary = monitor::trace_summary_json(t, {});
  EXPECT_EQ(summary["totalTokens"], 99);  // no spans: the stored total
  EXPECT_TRUE(summary["input"].is_null());
  EXPECT_FALSE(summary.contains("spans"));
}

TEST(TraceJson, QueryAndTimes) {
  EXPECT_EQ(monitor::sanitize_query(std::string("  he\x01llo  ")), "hello");
  EXPECT_EQ(monitor::sanitize_query(std::string(80, 'a'))->size(), 50u);
  EXPECT_FALSE(monitor::sanitize_query(std::string("\x01\x02")));
  EXPECT_EQ(monitor::parse_iso_datetime("2023-11-14T22:13:21"), at(1));
  EXPECT_EQ(monitor::parse_iso_datetime("2023-11-14T23:13:21+01:00"), at(1));
  EXPECT_EQ(monitor::parse_iso_datetime("2023-11-14T22:13:21.5Z"), at(1) + 500ms);
  EXPECT_EQ(monitor::parse_iso_datetime("2023-11-14"),
            store::Time(std::chrono::seconds(1699920000)));
  EXPECT_FALSE(monitor::parse_iso_datetime("2023-13-14T00:00:00"));
  EXPECT_FALSE(monitor::parse_iso_datetime("nope"));
  EXPECT_EQ(monitor::pydantic_naive_iso(at(1)), "2023-11-14T22:13:21");
  EXPECT_EQ(monitor::pydantic_naive_iso(at(1) + 1500us), "2023-11-14T22:13:21.001500");
}
