#include "lfkit/api/router.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lfkit::api {
namespace {

constexpr int kNoRoute = -1;
constexpr size_t kMethodCount = 8;

struct Node {
  // Literal children sorted by segment for binary search.
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> literals;
  std::unique_ptr<Node> param;  // a "{name}" child
  std::string param_name;
  std::array<int, kMethodCount> ops;  // per method, kNoRoute when absent
  int first_op = kNoRoute;            // the first route declared here (405's Allow)
  bool terminal = false;

  Node() { ops.fill(kNoRoute); }

  Node* literal(std::string_view seg) const {
    auto it = std::lower_bound(literals.begin(), literals.end(), seg,
                               [](const auto& a, std::string_view b) { return a.first < b; });
    return (it != literals.end() && it->first == seg) ? it->second.get() : nullptr;
  }
};

// Splits "/a/b/" into "a", "b", "" (the empty last segment is the trailing slash).
template <typename F>
bool for_each_segment(std::string_view path, F&& f) {
  if (path.empty() || path[0] != '/') return false;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    if (!f(path.substr(0, slash))) return false;
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

struct Search {
  uint8_t method;
  RouteMatch result;
  bool path_matched = false;
  int first_path_op = kNoRoute;  // first route of the first node whose path matched
};

}  // namespace

struct Router::Impl {
  Node root;
  // Parameter names per operation, in path order: routes sharing a trie node
  // may name the same position differently ({flow_id} vs {job_id}).
  std::vector<std::vector<std::string>> param_names;

  void insert(const RouteEntry& e) {
    if (param_names.size() <= e.op) param_names.resize(e.op + 1u);
    param_names[e.op].clear();
    Node* n = &root;
    for_each_segment(e.path, [&](std::string_view seg) {
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        param_names[e.op].emplace_back(seg.substr(1, seg.size() - 2));
        if (!n->param) {
          n->param = std::make_unique<Node>();
          n->param_name = std::string(seg.substr(1, seg.size() - 2));
        }
        n = n->param.get();
      } else {
        Node* child = n->literal(seg);
        if (!child) {
          auto it = std::lower_bound(n->literals.begin(), n->literals.end(), seg,
                                     [](const auto& a, std::string_view b) { return a.first < b; });
          it = n->literals.emplace(it, std::string(seg), std::make_unique<Node>());
          child = it->second.get();
        }
        n = child;
      }
      return true;
    });
    n->terminal = true;
    if (n->first_op == kNoRoute) n->first_op = e.op;
    if (n->ops[e.method] == kNoRoute) n->ops[e.method] = e.op;
  }

  // Depth-first, literals before parameters; stops at the first full match.
  bool walk(const Node* n, std::string_view rest, bool at_end, Search& s, uint8_t depth) const {
    if (at_end) {
      if (!n->terminal) return false;
      if (!s.path_matched) s.first_path_op = n->first_op;
      s.path_matched = true;
      if (n->ops[s.method] == kNoRoute) return false;
      s.result.status = RouteStatus::found;
      s.result.op = static_cast<uint16_t>(n->ops[s.method]);
      s.result.param_count = depth;
      const auto& names = param_names[s.result.op];
      for (uint8_t i = 0; i < depth && i < names.size(); ++i) s.result.params[i].name = names[i];
      return true;
    }
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    bool last = slash == std::string_view::npos;
    std::string_view next = last ? std::string_view{} : rest.substr(slash + 1);
    if (const Node* child = n->literal(seg)) {
      if (walk(child, next, last, s, depth)) return true;
    }
    if (n->param && !seg.empty() && depth < s.result.params.size()) {
      s.result.params[depth] = PathParam{n->param_name, seg};
      if (walk(n->param.get(), next, last, s, static_cast<uint8_t>(depth + 1))) return true;
    }
    return false;
  }

  RouteMatch find(uint8_t method, std::string_view path, bool& path_matched,
                  int& first_path_op) const {
    Search s{method, {}, false};
    if (!path.empty() && path[0] == '/' && method < kMethodCount) {
      walk(&root, path.substr(1), false, s, 0);
    }
    path_matched = s.path_matched;
    first_path_op = s.first_path_op;
    return s.result;
  }
};

Router::Router(std::span<const RouteEntry> routes) : impl_(new Impl) {
  for (const auto& r : routes) impl_->insert(r);
}

Router::~Router() {
  delete impl_;
}

RouteMatch Router::match(uint8_t method, std::string_view path) const {
  bool path_matched = false;
  int first_path_op = kNoRoute;
  RouteMatch m = impl_->find(method, path, path_matched, first_path_op);
  if (m.status == RouteStatus::found) return m;
  if (path_matched) {
    RouteMatch out;
    out.status = RouteStatus::method_not_allowed;
    out.op = static_cast<uint16_t>(first_path_op);
    return out;
  }
  // Starlette's redirect_slashes: retry with the trailing slash toggled.
  if (path.size() > 1) {
    std::string other(path);
    if (other.back() == '/') {
      other.pop_back();
    } else {
      other.push_back('/');
    }
    bool other_matched = false;
    int unused = kNoRoute;
    impl_->find(method, other, other_matched, unused);
    if (other_matched) {
      RouteMatch out;
      out.status = RouteStatus::redirect_slash;
      return out;
    }
  }
  return RouteMatch{};
}

}  // namespace lfkit::api
