// The store-backed engine services: a real run of the fixture flows writes its
// messages, transactions and vertex builds for the flow owner; memory reads them
// back; variables come from request headers first, then decrypted user variables.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/engine.hpp"
#include "jobs/job_manager.hpp"
#include "jobs/store_services.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::jobs {
namespace {

namespace fs = std::filesystem;

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(LFKIT_ENGINE_FIXTURES) + "/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class StoreServicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lfkit-jobs-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_);
    auto opened = store::SqliteStore::open((dir_ / "db.sqlite").string());
    ASSERT_TRUE(opened);
    store_ = std::move(*opened);
    store::User user;
    user.username = "owner";
    user.password_hash = "x";
    user.is_active = true;
    auto created = store_->create_user(user);
    ASSERT_TRUE(created);
    user_id_ = created->id;
    store::User other;
    other.username = "other";
    other.password_hash = "x";
    other_id_ = store_->create_user(other)->id;
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string add_flow(const std::string& fixture) {
    auto doc = nlohmann::json::parse(read_fixture(fixture));
    store::Flow flow;
    flow.name = fixture;
    flow.user_id = user_id_;
    flow.data_json = doc["data"].dump();
    auto created = store_->create_flow(flow);
    EXPECT_TRUE(created);
    return created->id;
  }

  engine::RunOutcome run(const std::string& fixture, const std::string& flow_id,
                         const std::string& input, const std::string& session) {
    auto data = engine::parse_flow(read_fixture(fixture));
    EXPECT_TRUE(data);
    StoreMessageStore messages(*store_, user_id_);
    StoreRunRecorder recorder(*store_);
    auth::SecretBox box(std::string(32, 'k'));
    StoreVariableResolver variables(*store_, box, user_id_);
    engine::Executor executor(engine::builtin_registry(), manager_.vertex_pool(),
                              {&messages, &recorder, &variables, nullptr});
    engine::RunRequest request;
    request.flow_id = flow_id;
    request.session_id = session;
    request.input_value = input;
    engine::NullEventSink sink;
    return executor.run(*data, request, sink);
  }

  static inline int counter_ = 0;
  fs::path dir_;
  std::unique_ptr<store::SqliteStore> store_;
  std::string user_id_, other_id_;
  JobManager manager_{{2, 2, std::chrono::seconds(300), std::chrono::seconds(3600)}};
};

TEST_F(StoreServicesTest, RunStoresMessagesAndRunHistoryForTheOwnerOnly) {
  const std::string flow_id = add_flow("echo.json");
  auto outcome = run("echo.json", flow_id, "hello", "s1");
  ASSERT_EQ(outcome.status, engine::RunOutcome::Status::completed) << outcome.error;
  store::MessageQuery q;
  q.flow_id = flow_id;
  auto messages = store_->list_messages(user_id_, q);
  ASSERT_TRUE(messages);
  ASSERT_EQ(messages->size(), 2u);  // the user's input and the echoed output
  EXPECT_EQ((*messages)[0].text, "hello");
  EXPECT_EQ((*messages)[0].sender, "User");
  EXPECT_EQ((*messages)[0].session_id, "s1");
  EXPECT_EQ((*messages)[1].sender, "Machine");
  auto foreign = store_->list_messages(other_id_, q);
  ASSERT_TRUE(foreign);
  EXPECT_TRUE(foreign->empty());
  auto builds = store_->list_vertex_builds(user_id_, flow_id);
  ASSERT_TRUE(builds);
  EXPECT_EQ(builds->size(), 2u);
  auto txs = store_->list_transactions(user_id_, flow_id, {});
  ASSERT_TRUE(txs);
  EXPECT_GE(txs->items.size(), 1u);
}

TEST_F(StoreServicesTest, HistoryIsChronologicalNewestLimited) {
  const std::string flow_id = add_flow("echo.json");
  run("echo.json", flow_id, "one", "s");
  run("echo.json", flow_id, "two", "s");
  StoreMessageStore messages(*store_, user_id_);
  auto last_user = messages.history("s", 1, "User");
  ASSERT_EQ(last_user.size(), 1u);
  EXPECT_EQ(last_user[0].text, "two");
  auto all = messages.history("s", 0);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all.front().text, "one");
}

TEST_F(StoreServicesTest, BufferedWritesWaitForFlushButHistorySeesThem) {
  const std::string flow_id = add_flow("echo.json");
  RunRecordBuffer buffer(*store_);
  StoreMessageStore buffered(*store_, user_id_, &buffer);
  engine::Message m;
  m.id = "22222222-2222-4222-8222-222222222222";
  m.flow_id = flow_id;
  m.session_id = "s";
  m.sender = "User";
  m.sender_name = "User";
  m.text = "held";
  buffered.add(m);
  StoreMessageStore direct(*store_, user_id_);
  EXPECT_TRUE(direct.history("s", 0).empty());  // not written yet
  auto seen = buffered.history("s", 0);         // a read through the buffer flushes it first
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].text, "held");
  m.text = "edited";
  buffered.update(m);
  buffer.flush();
  EXPECT_EQ(direct.history("s", 0).at(0).text, "edited");
}

TEST_F(StoreServicesTest, VariablesPreferRequestHeadersThenDecryptStoredValues) {
  auth::SecretBox box(std::string(32, 'k'));
  store::Variable v;
  v.name = "OPENAI_API_KEY";
  v.value = box.encrypt("stored-secret");
  v.type = "Credential";
  v.user_id = user_id_;
  ASSERT_TRUE(store_->create_variable(v));
  StoreVariableResolver plain(*store_, box, user_id_);
  EXPECT_EQ(plain.lookup("OPENAI_API_KEY"), "stored-secret");
  EXPECT_EQ(plain.lookup("MISSING"), std::nullopt);
  StoreVariableResolver other(*store_, box, other_id_);
  EXPECT_EQ(other.lookup("OPENAI_API_KEY"), std::nullopt);

  http::Headers headers;
  headers.add("X-LANGFLOW-GLOBAL-VAR-OPENAI_API_KEY", "from-header");
  headers.add("x-langflow-global-var-api-key", "dash");
  headers.add("X-Other", "ignored");
  auto vars = global_variables_from_headers(headers);
  EXPECT_EQ(vars.size(), 2u);
  EXPECT_EQ(vars["API-KEY"], "dash");
  StoreVariableResolver layered(*store_, box, user_id_, vars);
  EXPECT_EQ(layered.lookup("OPENAI_API_KEY"), "from-header");
}

}  // namespace
}  // namespace lfkit::jobs
