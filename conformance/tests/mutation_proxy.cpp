#include "mutation_proxy.hpp"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "conformance/net/http_client.hpp"

namespace lfkit::conformance::testing {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

bool has_credentials(const HttpRequest& r) {
  for (const auto& h : r.headers) {
    if (iequals(h.name, "x-api-key") || iequals(h.name, "authorization")) return true;
  }
  return r.target.find("x-api-key=") != std::string::npos;
}

bool drop_field(std::string& body, const std::string& field) {
  auto doc = nlohmann::json::parse(body, nullptr, false);
  bool changed = false;
  auto strip = [&](nlohmann::json& v) {
    if (v.is_object() && v.erase(field) > 0) changed = true;
  };
  if (doc.is_array()) {
    for (auto& item : doc) strip(item);
  } else {
    strip(doc);
  }
  if (changed) body = doc.dump();
  return changed;
}

bool swap_first_two_events(std::string& body) {
  std::vector<std::string> frames;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto end = body.find("\n\n", pos);
    if (end == std::string::npos) end = body.size();
    if (end > pos) frames.push_back(body.substr(pos, end - pos));
    pos = end + 2;
  }
  if (frames.size() < 2) return false;
  std::swap(frames[0], frames[1]);
  body.clear();
  for (const auto& f : frames) body += f + "\n\n";
  return true;
}

}  // namespace

struct MutationProxy::State {
  BaseUrl target;
  Fault fault;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  unsigned short port = acceptor.local_endpoint().port();
  std::atomic<bool> stopping{false};
  std::atomic<int> mutations{0};
  std::thread accept_thread;
  std::mutex mutex;
  std::list<std::thread> workers;
  std::list<std::shared_ptr<tcp::socket>> sockets;
  std::optional<Header> first_credential;  // impersonate_first

  bool applies(const HttpRequest& request) const {
    return request.target.starts_with(fault.path_prefix);
  }

  void impersonate(HttpRequest& request) {
    std::lock_guard lock(mutex);
    const Header* credential = nullptr;
    for (const auto& h : request.headers) {
      if (iequals(h.name, "x-api-key") || iequals(h.name, "authorization")) credential = &h;
    }
    if (!credential) return;
    if (!first_credential) {
      first_credential = *credential;
      return;
    }
    if (iequals(credential->name, first_credential->name) &&
        credential->value == first_credential->value) {
      return;
    }
    std::erase_if(request.headers, [](const Header& h) {
      return iequals(h.name, "x-api-key") || iequals(h.name, "authorization");
    });
    request.headers.push_back(*first_credential);
    ++mutations;
  }

  void mutate_request(HttpRequest& request) {
    if (!applies(request)) return;
    if (fault.kind == Fault::Kind::impersonate_first) impersonate(request);
    if (fault.kind == Fault::Kind::skip_auth_check && !has_credentials(request)) {
      request.headers.push_back({fault.header_name, fault.header_value});
      ++mutations;
    }
    if (fault.kind == Fault::Kind::swap_credentials) {
      for (auto& h : request.headers) {
        if (iequals(h.name, fault.header_name) && h.value == fault.from_value) {
          h.value = fault.header_value;
          ++mutations;
        }
      }
    }
  }

  void mutate_response(const HttpRequest& request, HttpResponse& response) {
    if (!applies(request)) return;
    const auto media = response.media_type();
    switch (fault.kind) {
      case Fault::Kind::drop_field:
        if (media == "application/json" && drop_field(response.body, fault.field)) ++mutations;
        break;
      case Fault::Kind::change_status:
        if (response.status == fault.from_status) {
          response.status = fault.to_status;
          ++mutations;
        }
        break;
      case Fault::Kind::reorder_stream_events:
        if ((media == "application/x-ndjson" || media == "text/event-stream") &&
            swap_first_two_events(response.body)) {
          ++mutations;
        }
        break;
      default:
        break;
    }
  }

  void serve(std::shared_ptr<tcp::socket> socket) {
    HttpClient upstream(target,
                        {std::chrono::milliseconds(3000), std::chrono::milliseconds(30000)});
    beast::flat_buffer buffer;
    while (!stopping) {
      http::request<http::string_body> in;
      beast::error_code ec;
      http::read(*socket, buffer, in, ec);
      if (ec) return;
      HttpRequest request{std::string(in.method_string()), std::string(in.target()), {}, in.body()};
      for (const auto& f : in) {
        const auto name = std::string(f.name_string());
        if (iequals(name, "host") || iequals(name, "content-length") ||
            iequals(name, "accept-encoding") || iequals(name, "user-agent")) {
          continue;
        }
        request.headers.push_back({name, std::string(f.value())});
      }
      mutate_request(request);
      auto response = upstream.send(request);
      if (!response) return;  // drop the client connection like a dead upstream
      mutate_response(request, *response);
      http::response<http::string_body> out;
      out.version(11);
      out.result(static_cast<unsigned>(response->status));
      for (const auto& h : response->headers) {
        if (iequals(h.name, "content-length") || iequals(h.name, "transfer-encoding") ||
            iequals(h.name, "content-encoding") || iequals(h.name, "connection")) {
          continue;
        }
        out.insert(h.name, h.value);
      }
      out.body() = std::move(response->body);
      out.keep_alive(in.keep_alive());
      out.prepare_payload();
      http::write(*socket, out, ec);
      if (ec || !in.keep_alive()) return;
    }
  }
};

MutationProxy::MutationProxy(std::string target_base_url, Fault fault)
    : state_(std::make_unique<State>()) {
  auto target = parse_base_url(target_base_url);
  if (!target) throw std::invalid_argument(target.error());  // test setup bug
  state_->target = *target;
  state_->fault = std::move(fault);
  state_->accept_thread = std::thread([s = state_.get()] {
    while (!s->stopping) {
      auto socket = std::make_shared<tcp::socket>(s->ioc);
      boost::system::error_code ec;
      s->acceptor.accept(*socket, ec);
      if (ec || s->stopping) return;
      std::lock_guard lock(s->mutex);
      s->sockets.push_back(socket);
      s->workers.emplace_back([s, socket] { s->serve(socket); });
    }
  });
}

MutationProxy::~MutationProxy() {
  state_->stopping = true;
  boost::system::error_code ec;
  {
    asio::io_context ioc;
    tcp::socket poke(ioc);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), state_->port), ec);
  }
  state_->accept_thread.join();
  state_->acceptor.close(ec);
  std::lock_guard lock(state_->mutex);
  for (auto& socket : state_->sockets) {
    socket->shutdown(tcp::socket::shutdown_both, ec);
  }
  for (auto& worker : state_->workers) worker.join();
}

std::string MutationProxy::base_url() const {
  return "http://127.0.0.1:" + std::to_string(state_->port);
}

int MutationProxy::mutations_applied() const {
  return state_->mutations;
}

}  // namespace lfkit::conformance::testing
