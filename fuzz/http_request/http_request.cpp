// Fuzzes the whole request path of an in-process server: Beast's parser with
// the transport's limits, then routing, authentication, validation and every
// mounted handler over a throw-away SQLite store. Any input must get an
// answer; only flow execution (upstream answers failing runs with 500) and the
// Components Store proxy (upstream's 500 when the remote store is unreachable)
// may answer 500.
//
// Seeds authenticate with the fixed API key below, which the harness stores
// for the superuser, so inputs reach the handlers rather than stopping at 403.
#include <unistd.h>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "api/app.hpp"
#include "auth/api_key.hpp"
#include "fake_exchange.hpp"
#include "handlers/mount.hpp"

namespace {

namespace bhttp = boost::beast::http;
constexpr std::string_view kFuzzApiKey = "sk-fuzz0000000000000000000000000000000000000";

struct Harness {
  lfkit::config::Settings settings;
  std::shared_ptr<lfkit::api::Services> services;
  std::unique_ptr<lfkit::api::App> app;

  Harness() {
    auto dir =
        std::filesystem::temp_directory_path() / ("lfkit-fuzz-http-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    static std::filesystem::path scratch = dir;
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(scratch, ignored);
    });
    settings.config_dir = dir.string();
    settings.database_path = (dir / "langflow.db").string();
    settings.database_url = "sqlite:///" + settings.database_path;
    settings.secret_key = "fuzz-secret";
    settings.max_file_size_upload = 1;
    auto opened = lfkit::api::open_services(settings);
    if (!opened) {
      std::cerr << "fuzz harness: " << opened.error() << "\n";
      std::abort();
    }
    services = *opened;
    auto superuser = services->store->get_user_by_username("langflow");
    lfkit::store::ApiKey key;
    key.name = "fuzz";
    key.key_hash = lfkit::auth::hash_api_key(kFuzzApiKey);
    key.masked_key = lfkit::auth::mask_api_key(kFuzzApiKey);
    key.user_id = superuser->id;
    if (!services->store->create_api_key(key)) std::abort();
    lfkit::api::HandlerSet handlers;
    lfkit::handlers::mount_all(handlers, {services, std::make_shared<lfkit::http::LogBuffer>(100)});
    app = std::make_unique<lfkit::api::App>(settings, std::move(handlers), services);
  }
};

bool may_answer_500(std::string_view path) {
  for (std::string_view prefix :
       {"/api/v1/run", "/api/v1/webhook", "/api/v2/workflows", "/api/v1/responses", "/api/v1/build",
        "/api/v1/process", "/api/v1/predict", "/api/v1/store/"}) {
    if (path.starts_with(prefix)) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Leaked on purpose: worker threads of the mounted modules must not be torn
  // down by static destructors while libFuzzer exits.
  static Harness& harness = *new Harness;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1 << 20);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;  // the transport answers 400 itself

  const auto& msg = parser.get();
  lfkit::http::Request request;
  request.method = std::string(msg.method_string());
  request.target = std::string(msg.target());
  const size_t q = request.target.find('?');
  request.path = request.target.substr(0, q);
  if (q != std::string::npos) request.query = request.target.substr(q + 1);
  request.version = msg.version();
  for (const auto& f : msg) {
    request.headers.add(std::string(f.name_string()), std::string(f.value()));
  }
  request.body = msg.body();
  request.remote_address = "127.0.0.1";

  auto exchange = std::make_shared<lfkit::fuzz::FakeExchange>(request);
  harness.app->handle(exchange);
  const int status = exchange->wait_for_status(30);
  exchange->disconnect();
  if (status == 0) {
    std::cerr << "no answer within 30 s for " << request.method << " " << request.target << "\n";
    std::abort();
  }
  if (status == 500 && !may_answer_500(request.path)) {
    std::cerr << "500 for " << request.method << " " << request.target << "\n";
    std::abort();
  }
  return 0;
}
