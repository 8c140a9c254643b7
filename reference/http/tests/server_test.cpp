#include <gtest/gtest.h>

#include <atomic>
#include <boost/beast/http/field.hpp>
#include <future>
#include <mutex>
#include <thread>

#include "http/server.hpp"
#include "test_client.hpp"

namespace lfkit::http {
namespace {

using namespace std::chrono_literals;
using testing::TestClient;

// Starts a server on 127.0.0.1:0 with `handler`; joins helper threads on exit.
class ServerTest : public ::testing::Test {
 protected:
  void start(Handler handler, ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.access_log = [this](const AccessLogEntry& e) {
      std::lock_guard lock(log_mu_);
      log_.push_back(e);
    };
    server_ = std::make_unique<Server>(std::move(options), std::move(handler));
    auto started = server_->start();
    ASSERT_TRUE(started) << started.error();
  }

  void TearDown() override {
    if (server_) {
      server_->stop();
      server_->wait();
    }
    for (auto& t : helpers_) t.join();
  }

  // Called from handlers, which run on several I/O threads at once.
  void spawn(std::function<void()> fn) {
    std::lock_guard lock(helpers_mu_);
    helpers_.emplace_back(std::move(fn));
  }
  uint16_t port() const { return server_->port(); }

  std::unique_ptr<Server> server_;
  std::mutex helpers_mu_;
  std::vector<std::thread> helpers_;
  std::mutex log_mu_;
  std::vector<AccessLogEntry> log_;
};

Handler echo_path() {
  return [](std::shared_ptr<Exchange> ex) {
    ex->respond(json_response(
        200, "{\"path\":\"" + ex->request().path + "\",\"body\":\"" + ex->request().body + "\"}"));
  };
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  start(echo_path());
  TestClient client(port());
  for (int i = 0; i < 3; ++i) {
    client.send("GET", "/health?i=" + std::to_string(i));
    auto res = client.read_response();
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_EQ(res.body(), "{\"path\":\"/health\",\"body\":\"\"}");
    EXPECT_TRUE(res.keep_alive());
  }
  client.send("POST", "/echo", "hi");
  EXPECT_EQ(client.read_response().body(), "{\"path\":\"/echo\",\"body\":\"hi\"}");
  server_->stop();  // the log line is written after the response: let the server settle
  server_->wait();
  std::lock_guard lock(log_mu_);
  ASSERT_EQ(log_.size(), 4u);
  EXPECT_EQ(log_[0].method, "GET");
  EXPECT_EQ(log_[0].target, "/health?i=0");
  EXPECT_EQ(log_[0].status, 200);
}

TEST_F(ServerTest, StreamIsDeliveredIncrementally) {
  std::promise<void> first_chunk_seen;
  auto seen = first_chunk_seen.get_future().share();
  start([&](std::shared_ptr<Exchange> ex) {
    Headers h;
    h.add("Content-Type", "application/x-ndjson");
    auto writer = ex->start_stream(200, std::move(h));
    spawn([writer, seen] {
      writer->write("{\"event\":\"first\"}\n");
      // The second chunk is only produced after the client has read the first.
      if (seen.wait_for(5s) != std::future_status::ready) return;
      writer->write("{\"event\":\"second\"}\n");
      writer->finish();
    });
  });
  TestClient client(port());
  client.send("GET", "/stream");
  std::string head = client.read_until("first");
  EXPECT_NE(head.find("Transfer-Encoding: chunked"), std::string::npos) << head;
  EXPECT_NE(head.find("application/x-ndjson"), std::string::npos);
  EXPECT_EQ(head.find("second"), std::string::npos);
  first_chunk_seen.set_value();
  std::string all = client.read_until("\r\n0\r\n\r\n");
  EXPECT_NE(all.find("second"), std::string::npos);
  EXPECT_TRUE(client.closed_within(2s));
}

// A write() immediately followed by finish() from another thread must never
// lose that last chunk (it once could: the pump read "queue empty" and
// "finished" under two separate locks). A race, so many streams are run.
TEST_F(ServerTest, LastChunkWrittenJustBeforeFinishIsDelivered) {
  start([&](std::shared_ptr<Exchange> ex) {
    auto writer = ex->start_stream(200, {});
    spawn([writer] {
      for (int i = 0; i < 20; ++i) writer->write("tok" + std::to_string(i) + ";");
      writer->write("last");
      writer->finish();
    });
  });
  std::atomic<int> missing{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        TestClient client(port());
        client.send("GET", "/stream");
        std::string all = client.read_until("\r\n0\r\n\r\n");
        if (all.find("last") == std::string::npos) ++missing;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(missing.load(), 0);
}

TEST_F(ServerTest, ClientDisconnectCancelsTheProducer) {
  std::promise<void> cancelled;
  auto cancelled_future = cancelled.get_future();
  std::atomic<int> writes_after_cancel{0};
  start([&](std::shared_ptr<Exchange> ex) {
    auto writer = ex->start_stream(200, {});
    writer->on_cancel([&] { cancelled.set_value(); });
    spawn([writer, &writes_after_cancel] {
      for (int i = 0; i < 500; ++i) {
        if (!writer->write("data: tick\n\n")) {
          writes_after_cancel = 1;
          return;
        }
        std::this_thread::sleep_for(10ms);
      }
    });
  });
  {
    TestClient client(port());
    client.send("GET", "/logs-stream");
    client.read_until("tick");
    client.close();
  }
  ASSERT_EQ(cancelled_future.wait_for(3s), std::future_status::ready);
  for (auto& t : helpers_) t.join();
  helpers_.clear();
  EXPECT_EQ(writes_after_cancel.load(), 1);  // the producer saw write() fail and stopped
}

TEST_F(ServerTest, BodyOverTheLimitIs413) {
  ServerOptions o;
  o.body_limit = [](const Request& head) {
    if (head.path == "/upload")
      return BodyLimit{20, "File size is larger than the maximum file size 0MB."};
    return BodyLimit{5, "Request body is too large"};
  };
  start(echo_path(), o);
  {
    TestClient client(port());
    client.send("POST", "/upload", std::string(10, 'x'));
    EXPECT_EQ(client.read_response().result_int(), 200u);  // under the upload limit
  }
  {
    TestClient client(port());
    client.send_raw("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
    auto res = client.read_response();
    EXPECT_EQ(res.result_int(), 413u);
    EXPECT_EQ(res.body(), R"({"detail":"File size is larger than the maximum file size 0MB."})");
    EXPECT_EQ(res[boost::beast::http::field::content_type], "application/json");
  }
  {
    TestClient client(port());  // chunked: the limit hits while reading
    client.send_raw(
        "POST /json HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n");
    auto res = client.read_response();
    EXPECT_EQ(res.result_int(), 413u);
    EXPECT_EQ(res.body(), R"({"detail":"Request body is too large"})");
  }
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  ServerOptions o;
  o.header_limit_bytes = 1024;
  start(echo_path(), o);
  TestClient client(port());
  client.send("GET", "/", "", "X-Big: " + std::string(4096, 'a') + "\r\n");
  auto res = client.read_response();
  EXPECT_EQ(res.result_int(), 431u);
  EXPECT_EQ(res.body(), R"({"detail":"Request header fields too large"})");
}

TEST_F(ServerTest, MalformedRequestsAre400) {
  start(echo_path());
  for (std::string bad :
       {"GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost x\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n"}) {
    TestClient client(port());
    client.send_raw(bad);
    auto res = client.read_response();
    EXPECT_EQ(res.result_int(), 400u) << bad;
    EXPECT_EQ(res.body(), R"({"detail":"Invalid HTTP request received."})");
    EXPECT_TRUE(client.closed_within(2s));
  }
}

TEST_F(ServerTest, SlowHeadersTimeOut) {
  ServerOptions o;
  o.header_timeout = 200ms;
  start(echo_path(), o);
  TestClient client(port());
  client.send_raw("GET / HTTP/1.1\r\nHost: x\r\n");  // never finishes the headers
  auto begin = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_within(3s));
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
}

TEST_F(ServerTest, CorsPreflightIsAnsweredByTheTransport) {
  std::atomic<int> handled{0};
  start([&](std::shared_ptr<Exchange> ex) {
    ++handled;
    ex->respond(json_response(200, "{}"));
  });
  TestClient client(port());
  client.send("OPTIONS", "/api/v1/flows/", "",
              "Origin: http://ui.example\r\nAccess-Control-Request-Method: POST\r\n"
              "Access-Control-Request-Headers: content-type\r\n");
  auto res = client.read_response();
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res["Access-Control-Allow-Origin"], "http://ui.example");
  EXPECT_EQ(res["Access-Control-Allow-Credentials"], "true");
  EXPECT_EQ(res["Access-Control-Allow-Headers"], "content-type");
  EXPECT_EQ(handled.load(), 0);

  client.send("GET", "/api/v1/version", "", "Origin: http://ui.example\r\n");
  auto simple = client.read_response();
  EXPECT_EQ(simple["Access-Control-Allow-Origin"], "*");
  EXPECT_EQ(handled.load(), 1);
}

TEST_F(ServerTest, GracefulShutdownFinishesInFlightRequests) {
  std::promise<void> arrived;
  auto arrived_future = arrived.get_future();
  start([&](std::shared_ptr<Exchange> ex) {
    arrived.set_value();
    spawn([ex] {  // answers later, from another thread
      std::this_thread::sleep_for(300ms);
      ex->respond(json_response(200, "{\"done\":true}"));
    });
  });
  TestClient busy(port());
  TestClient idle(port());
  busy.send("GET", "/slow");
  ASSERT_EQ(arrived_future.wait_for(3s), std::future_status::ready);
  server_->stop();
  auto res = busy.read_response();
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res.body(), "{\"done\":true}");
  EXPECT_FALSE(res.keep_alive());  // closing after the in-flight answer
  EXPECT_TRUE(idle.closed_within(2s));
  server_->wait();
  EXPECT_THROW(TestClient late(port()), boost::system::system_error);
}

TEST_F(ServerTest, ShutdownGraceBoundCancelsLongStreams) {
  ServerOptions o;
  o.shutdown_grace = 200ms;
  std::promise<void> cancelled;
  auto cancelled_future = cancelled.get_future();
  start(
      [&](std::shared_ptr<Exchange> ex) {
        auto writer = ex->start_stream(200, {});
        writer->on_cancel([&] { cancelled.set_value(); });
        writer->write("open\n");
      },
      o);
  TestClient client(port());
  client.send("GET", "/forever");
  client.read_until("open");
  auto begin = std::chrono::steady_clock::now();
  server_->stop();
  server_->wait();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
  EXPECT_EQ(cancelled_future.wait_for(1s), std::future_status::ready);
}

TEST_F(ServerTest, HandlerFailuresBecome500) {
  start([](std::shared_ptr<Exchange> ex) {
    if (ex->request().path == "/throw") throw std::runtime_error("boom");
    // "/drop": the exchange is released without an answer.
  });
  TestClient client(port());
  client.send("GET", "/throw");
  auto thrown = client.read_response();
  EXPECT_EQ(thrown.result_int(), 500u);
  EXPECT_EQ(thrown.body(), R"({"message":"boom"})");
  client.send("GET", "/drop");
  auto dropped = client.read_response();
  EXPECT_EQ(dropped.result_int(), 500u);
  EXPECT_EQ(dropped.body(), R"({"detail":"Internal Server Error"})");
}

TEST_F(ServerTest, HeadAndNoContentResponsesCarryNoBody) {
  start([](std::shared_ptr<Exchange> ex) {
    if (ex->request().path == "/empty") return ex->respond(Response{204, {}, "ignored"});
    ex->respond(json_response(200, "{\"a\":1}"));
  });
  TestClient client(port());
  client.send("GET", "/empty");
  auto no_content = client.read_response();
  EXPECT_EQ(no_content.result_int(), 204u);
  EXPECT_TRUE(no_content.body().empty());
  client.send("GET", "/after");  // the connection is still in sync
  EXPECT_EQ(client.read_response().body(), "{\"a\":1}");
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
  start(echo_path());
  TestClient client(port());
  client.send_raw(
      "POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  std::string interim = client.read_until("\r\n\r\n");
  EXPECT_EQ(interim.rfind("HTTP/1.1 100 Continue", 0), 0u);
}

TEST_F(ServerTest, BackpressureBlocksWorkerUntilClientReads) {
  ServerOptions o;
  o.stream_queue_bytes = 64 * 1024;
  std::atomic<bool> done{false};
  start(
      [&](std::shared_ptr<Exchange> ex) {
        auto writer = ex->start_stream(200, {});
        spawn([writer, &done] {
          std::string chunk(16 * 1024, 'z');
          for (int i = 0; i < 256 && writer->write(chunk); ++i) {
          }
          writer->finish();
          done = true;
        });
      },
      o);
  TestClient client(port());
  client.send("GET", "/big");
  client.read_until("zzzz");
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(done.load());  // 4 MiB cannot fit in socket buffers + a 64 KiB queue
  std::string all = client.read_until("\r\n0\r\n\r\n");
  EXPECT_GT(all.size(), 4u * 1024 * 1024);
}

}  // namespace
}  // namespace lfkit::http
