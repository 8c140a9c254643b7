// A small in-process HTTP proxy for mutation testing of the suites: it sits
// between the runner and a target and applies exactly one fault, so a test
// can assert the suite notices it.
#pragma once

#include <memory>
#include <string>

namespace lfkit::conformance::testing {

struct Fault {
  enum class Kind {
    none,
    drop_field,             // remove top-level `field` from JSON object bodies (and list items)
    change_status,          // answer `to_status` wherever the target said `from_status`
    reorder_stream_events,  // swap the first two events of NDJSON / event-stream bodies
    skip_auth_check,        // requests without credentials get `header_name: header_value` added
    swap_credentials,       // requests carrying `from_value` in `header_name` get `header_value`
    impersonate_first,      // every credential after the first one seen is replaced by it, so
                            // each caller is served the first user's objects
  };
  Kind kind = Kind::none;
  // Only requests whose target starts with this are touched ("" = all).
  std::string path_prefix;
  std::string field;
  int from_status = 0;
  int to_status = 0;
  std::string header_name;
  std::string header_value;
  std::string from_value;

  static Fault drop(std::string name) {
    Fault f;
    f.kind = Kind::drop_field;
    f.field = std::move(name);
    return f;
  }
  static Fault status(int from, int to) {
    Fault f;
    f.kind = Kind::change_status;
    f.from_status = from;
    f.to_status = to;
    return f;
  }
  static Fault reorder() {
    Fault f;
    f.kind = Kind::reorder_stream_events;
    return f;
  }
  static Fault skip_auth(std::string header, std::string value) {
    Fault f;
    f.kind = Kind::skip_auth_check;
    f.header_name = std::move(header);
    f.header_value = std::move(value);
    return f;
  }
  static Fault impersonate() {
    Fault f;
    f.kind = Kind::impersonate_first;
    return f;
  }
  Fault& on(std::string prefix) {
    path_prefix = std::move(prefix);
    return *this;
  }
  static Fault swap(std::string header, std::string from, std::string to) {
    Fault f = skip_auth(std::move(header), std::move(to));
    f.kind = Kind::swap_credentials;
    f.from_value = std::move(from);
    return f;
  }
};

class MutationProxy {
 public:
  MutationProxy(std::string target_base_url, Fault fault);
  ~MutationProxy();
  std::string base_url() const;
  int mutations_applied() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace lfkit::conformance::testing
