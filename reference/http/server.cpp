#include "http/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <thread>
#include <vector>

#include "http/session.hpp"

namespace lfkit::http {

namespace {
thread_local bool t_on_io_thread = false;
}  // namespace

bool on_io_thread() {
  return t_on_io_thread;
}

using detail::Core;
using detail::Session;
namespace net = detail::net;
using detail::tcp;

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  explicit Impl(ServerOptions options, Handler handler) : ioc(1), acceptor(ioc), grace_timer(ioc) {
    core = std::make_shared<Core>();
    core->options = std::move(options);
    core->handler = std::move(handler);
  }

  // Connections are spread round-robin over the per-thread io_contexts.
  net::io_context& next_context() {
    if (extra.empty()) return ioc;
    size_t i = next_accept++ % (extra.size() + 1);
    return i == 0 ? ioc : *extra[i - 1];
  }

  void accept() {
    acceptor.async_accept(next_context(), [self = shared_from_this()](boost::system::error_code ec,
                                                                      detail::Socket socket) {
      if (!self->acceptor.is_open() || self->core->stopping) return;
      if (!ec) std::make_shared<Session>(std::move(socket), self->core)->start();
      self->accept();  // transient errors (e.g. out of descriptors) do not stop the server
    });
  }

  // Runs on an I/O thread.
  void begin_shutdown() {
    if (shutdown_started) return;
    shutdown_started = true;
    core->stopping = true;
    boost::system::error_code ec;
    acceptor.close(ec);
    if (signals) signals->cancel(ec);
    auto sessions = core->live_sessions();
    if (sessions.empty()) return finish_shutdown();
    for (auto& s : sessions) net::post(s->executor(), [s] { s->server_stopping(); });
    grace_timer.expires_after(core->options.shutdown_grace);
    grace_timer.async_wait([self = shared_from_this()](boost::system::error_code wec) {
      if (wec) return;  // cancelled: every session ended in time
      for (auto& s : self->core->live_sessions()) {
        net::post(s->executor(), [s] { s->force_close(); });
      }
      self->finish_shutdown();
    });
  }

  void finish_shutdown() {
    grace_timer.cancel();
    work.clear();  // run() returns once the last handlers are done
  }

  // One io_context per I/O thread: a connection lives on one thread, so its
  // handlers never run concurrently (no strand) and wake-ups stay on that thread.
  net::io_context ioc;  // thread 0's; also runs the acceptor, signals and timers
  std::vector<std::unique_ptr<net::io_context>> extra;  // threads 1..N-1
  size_t next_accept = 0;                               // touched by the acceptor only
  std::vector<net::executor_work_guard<net::io_context::executor_type>> work;
  tcp::acceptor acceptor;
  net::steady_timer grace_timer;
  std::optional<net::signal_set> signals;
  std::shared_ptr<Core> core;
  std::vector<std::thread> threads;
  uint16_t bound_port = 0;
  bool shutdown_started = false;  // touched only on I/O threads via post
  std::once_flag stop_once;
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_shared<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() {
  stop();
  wait();
}

lfkit::Expected<void, std::string> Server::start() {
  if (!impl_->threads.empty()) return lfkit::unexpected(std::string("server already started"));
  const auto& opt = impl_->core->options;
  boost::system::error_code ec;
  auto address = net::ip::make_address(opt.host == "localhost" ? "127.0.0.1" : opt.host, ec);
  if (ec) return lfkit::unexpected("invalid host '" + opt.host + "': " + ec.message());
  tcp::endpoint endpoint(address, opt.port);
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return lfkit::unexpected("cannot listen on " + opt.host + ":" + std::to_string(opt.port) +
                             ": " + ec.message());
  }
  impl_->bound_port = acc.local_endpoint().port();
  // Shutdown completion hook: the last session gone ends the grace period early.
  std::weak_ptr<Impl> weak = impl_;
  impl_->core->on_empty_while_stopping = [weak] {
    if (auto self = weak.lock()) {
      net::post(self->ioc, [self] { self->finish_shutdown(); });
    }
  };
  unsigned n = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 1; i < n; ++i) impl_->extra.push_back(std::make_unique<net::io_context>(1));
  impl_->work.push_back(net::make_work_guard(impl_->ioc));
  for (auto& context : impl_->extra) impl_->work.push_back(net::make_work_guard(*context));
  impl_->accept();
  for (unsigned i = 0; i < n; ++i) {
    net::io_context& context = i == 0 ? impl_->ioc : *impl_->extra[i - 1];
    impl_->threads.emplace_back([impl = impl_, &context] {
      t_on_io_thread = true;
      context.run();
    });
  }
  return {};
}

uint16_t Server::port() const {
  return impl_->bound_port;
}

void Server::stop() {
  if (impl_->threads.empty()) return;
  std::call_once(impl_->stop_once,
                 [this] { net::post(impl_->ioc, [impl = impl_] { impl->begin_shutdown(); }); });
}

void Server::stop_on_signals() {
  net::post(impl_->ioc, [impl = impl_, this] {
    if (impl->shutdown_started) return;
    impl->signals.emplace(impl->ioc, SIGINT, SIGTERM);
    impl->signals->async_wait([this](boost::system::error_code ec, int) {
      if (!ec) stop();
    });
  });
}

void Server::wait() {
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace lfkit::http
