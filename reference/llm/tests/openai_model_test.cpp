// OpenAiCompatibleModel against a fake endpoint on 127.0.0.1: what it sends, how it streams,
// and every way a call can fail, each as a value that names the endpoint.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stop_token>
#include <thread>

#include "../../engine/tests/test_support.hpp"
#include "fake_openai_server.hpp"
#include "llm/openai_compatible_model.hpp"

namespace lfkit::llm {
namespace {

using nlohmann::json;
using testing::FakeOpenAiServer;
using testing::Request;
using testing::Socket;
using testing::sse_delta;

constexpr const char* kStreamHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

void stream_hello(Socket& s, const Request&) {
  FakeOpenAiServer::write(s, kStreamHead);
  for (const char* piece : {"Hel", "lo", " world"})
    FakeOpenAiServer::write_chunk(s, sse_delta(piece));
  FakeOpenAiServer::write_chunk(s, "data: [DONE]\n\n");
  FakeOpenAiServer::end_chunks(s);
}

// Sends one delta, then nothing more until the client gives up.
void stall_after_first_delta(Socket& s, const Request&) {
  FakeOpenAiServer::write(s, kStreamHead);
  FakeOpenAiServer::write_chunk(s, sse_delta("first"));
  FakeOpenAiServer::wait_for_close(s);
}

void answer_json(Socket& s, int status, const std::string& body) {
  FakeOpenAiServer::write(s, "HTTP/1.1 " + std::to_string(status) +
                                 " X\r\nContent-Type: application/json\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\n\r\n" + body);
}

engine::LanguageModelRequest hello_request() {
  engine::LanguageModelRequest r;
  r.model_type = "OpenAIModel";
  r.model_name = "gpt-test";
  r.system_message = "Be brief.";
  r.input = "Say hello";
  r.temperature = 0.5;
  return r;
}

struct Call {
  Expected<std::string, std::string> result = std::string();
  std::vector<std::string> tokens;
};

Call complete(OpenAiCompatibleModel& model, const engine::LanguageModelRequest& r) {
  Call call;
  call.result = model.complete(r, [&](std::string_view t) {
    call.tokens.emplace_back(t);
    return true;
  });
  return call;
}

TEST(OpenAiCompatibleModel, StreamsDeltasAndSendsTheChatRequest) {
  FakeOpenAiServer server(stream_hello);
  OpenAiCompatibleModel model({server.base_url(), "sk-server", std::chrono::seconds(30)});
  Call call = complete(model, hello_request());
  ASSERT_TRUE(call.result) << call.result.error();
  EXPECT_EQ(*call.result, "Hello world");
  EXPECT_EQ(call.tokens, (std::vector<std::string>{"Hel", "lo", " world"}));

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const Request& sent = requests[0];
  EXPECT_EQ(sent.method_string(), "POST");
  EXPECT_EQ(sent.target(), "/v1/chat/completions");
  EXPECT_EQ(sent["Authorization"], "Bearer sk-server");
  json body = json::parse(sent.body());
  EXPECT_EQ(body["model"], "gpt-test");
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["temperature"], 0.5);
  EXPECT_EQ(body["messages"], json::parse(R"([{"role":"system","content":"Be brief."},
                                              {"role":"user","content":"Say hello"}])"));
}

TEST(OpenAiCompatibleModel, AStreamThatEndsWithTheConnectionIsComplete) {
  FakeOpenAiServer server([](Socket& s, const Request&) {
    FakeOpenAiServer::write(
        s, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
    FakeOpenAiServer::write(s, sse_delta("no ") + sse_delta("length"));  // then it closes
  });
  OpenAiCompatibleModel model({server.base_url(), "", std::chrono::seconds(30)});
  Call call = complete(model, hello_request());
  ASSERT_TRUE(call.result) << call.result.error();
  EXPECT_EQ(*call.result, "no length");
}

TEST(OpenAiCompatibleModel, TheComponentsOwnBaseAndKeyWin) {
  FakeOpenAiServer server(stream_hello);
  OpenAiCompatibleModel model({"http://127.0.0.1:1/v1", "sk-server", std::chrono::seconds(30)});
  auto r = hello_request();
  r.api_base = server.base_url();
  r.api_key = "sk-component";
  Call call = complete(model, r);
  ASSERT_TRUE(call.result) << call.result.error();
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0]["Authorization"], "Bearer sk-component");
}

TEST(OpenAiCompatibleModel, TheServersKeyNeverGoesToAComponentsOwnBase) {
  FakeOpenAiServer server(stream_hello);
  OpenAiCompatibleModel model({"http://127.0.0.1:1/v1", "sk-server", std::chrono::seconds(30)});
  auto r = hello_request();
  r.api_base = server.base_url();
  ASSERT_TRUE(complete(model, r).result);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].count("Authorization"), 0u);
}

TEST(OpenAiCompatibleModel, NoKeyAnywhereSendsNoAuthorization) {
  FakeOpenAiServer server(stream_hello);
  OpenAiCompatibleModel model({server.base_url(), "", std::chrono::seconds(30)});
  ASSERT_TRUE(complete(model, hello_request()).result);
  EXPECT_EQ(server.requests()[0].count("Authorization"), 0u);
}

TEST(OpenAiCompatibleModel, WithoutAnyBaseTheStandInAnswers) {
  OpenAiCompatibleModel model({"", "sk-server", std::chrono::seconds(30)});
  Call call = complete(model, hello_request());
  ASSERT_TRUE(call.result);
  EXPECT_EQ(*call.result, "Echo: Say hello");
  EXPECT_EQ(call.tokens, (std::vector<std::string>{"Echo:", " Say", " hello"}));
}

TEST(OpenAiCompatibleModel, AWholeJsonAnswerIsOneToken) {
  FakeOpenAiServer server([](Socket& s, const Request&) {
    answer_json(s, 200,
                R"({"choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"}}]})");
  });
  OpenAiCompatibleModel model({server.base_url(), "", std::chrono::seconds(30)});
  Call call = complete(model, hello_request());
  ASSERT_TRUE(call.result) << call.result.error();
  EXPECT_EQ(*call.result, "Hi!");
  EXPECT_EQ(call.tokens, (std::vector<std::string>{"Hi!"}));
}

TEST(OpenAiCompatibleModel, AnErrorStatusCarriesTheEndpointsMessage) {
  FakeOpenAiServer server([](Socket& s, const Request&) {
    answer_json(s, 401, R"({"error":{"message":"Incorrect API key provided","type":"auth"}})");
  });
  OpenAiCompatibleModel model({server.base_url(), "sk-bad", std::chrono::seconds(30)});
  Call call = complete(model, hello_request());
  ASSERT_FALSE(call.result);
  EXPECT_EQ(call.result.error(), "OpenAI-compatible endpoint " + server.base_url() +
                                     " answered 401: Incorrect API key provided");
}

TEST(OpenAiCompatibleModel, AnErrorInsideTheStreamFailsTheCall) {
  FakeOpenAiServer server([](Socket& s, const Request&) {
    FakeOpenAiServer::write(s, kStreamHead);
    FakeOpenAiServer::write_chunk(s, sse_delta("partial"));
    FakeOpenAiServer::write_chunk(s, "data: {\"error\":{\"message\":\"overloaded\"}}\n\n");
    FakeOpenAiServer::end_chunks(s);
  });
  OpenAiCompatibleModel model({server.base_url(), "", std::chrono::seconds(30)});
  Call call = complete(model, hello_request());
  ASSERT_FALSE(call.result);
  EXPECT_NE(call.result.error().find("overloaded"), std::string::npos) << call.result.error();
}

TEST(OpenAiCompatibleModel, NothingListeningIsAClearError) {
  std::string base;
  {
    FakeOpenAiServer closed([](Socket&, const Request&) {}, 0);  // a port that was just free
    base = closed.base_url();
  }
  OpenAiCompatibleModel model({base, "", std::chrono::seconds(30)});
  Call call = complete(model, hello_request());
  ASSERT_FALSE(call.result);
  EXPECT_NE(call.result.error().find("could not reach http://127.0.0.1:"), std::string::npos)
      << call.result.error();
}

TEST(OpenAiCompatibleModel, AStalledEndpointTimesOut) {
  FakeOpenAiServer server(stall_after_first_delta);
  OpenAiCompatibleModel model({server.base_url(), "", std::chrono::milliseconds(200)});
  Call call = complete(model, hello_request());
  ASSERT_FALSE(call.result);
  EXPECT_NE(call.result.error().find("timed out after 200 ms"), std::string::npos)
      << call.result.error();
  EXPECT_EQ(call.tokens, (std::vector<std::string>{"first"}));
}

TEST(OpenAiCompatibleModel, CancellingTheRunEndsAStalledCall) {
  FakeOpenAiServer server(stall_after_first_delta);
  // A long idle timeout: only the cancellation can end this call with "cancelled".
  OpenAiCompatibleModel model({server.base_url(), "", std::chrono::seconds(60)});
  std::stop_source stop;
  auto r = hello_request();
  r.stop = stop.get_token();
  std::vector<std::string> tokens;
  std::thread canceller;  // cancels from another thread, as a client disconnect does
  auto result = model.complete(r, [&](std::string_view t) {
    tokens.emplace_back(t);
    if (!canceller.joinable()) canceller = std::thread([&stop] { stop.request_stop(); });
    return true;
  });
  if (canceller.joinable()) canceller.join();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "cancelled");
  EXPECT_EQ(tokens, (std::vector<std::string>{"first"}));
}

// A flow whose OpenAIModel node runs against the endpoint: the streamed deltas become the
// run's token events and the ChatOutput message.
TEST(OpenAiCompatibleModel, AFlowRunStreamsTheEndpointsTokens) {
  FakeOpenAiServer server(stream_hello);
  OpenAiCompatibleModel model({server.base_url(), "sk-server", std::chrono::seconds(30)});
  engine::MapVariableResolver variables{{{"OPENAI_API_KEY", "sk-from-variable"}}};
  engine::ThreadPool pool(2);
  engine::Executor executor(engine::builtin_registry(), pool,
                            {nullptr, nullptr, &variables, &model});
  engine::RunRequest request;
  request.flow_id = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  request.input_value = "hi";
  request.stream = true;
  engine::FlowData flow = engine::testing::load_fixture("prompt");
  flow.nodes[2].mutable_field("api_key") = {{"value", "OPENAI_API_KEY"}, {"load_from_db", true}};
  engine::testing::RecordingSink sink;
  auto outcome = executor.run(flow, request, sink);
  ASSERT_EQ(outcome.status, engine::RunOutcome::Status::completed) << outcome.error;
  EXPECT_EQ(engine::testing::grammar_violation(sink.events()), "");

  std::vector<std::string> chunks;
  for (const auto& e : sink.events())
    if (e.name == "token") chunks.push_back(e.data["chunk"]);
  EXPECT_EQ(chunks, (std::vector<std::string>{"Hel", "lo", " world"}));
  json response = engine::build_run_response(outcome, std::string("hi"));
  EXPECT_EQ(response["outputs"][0]["outputs"][0]["outputs"]["message"]["message"]["text"],
            "Hello world");
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0]["Authorization"], "Bearer sk-from-variable");
}

}  // namespace
}  // namespace lfkit::llm
