#include "handlers/flows/naming.hpp"

#include <algorithm>
#include <optional>

namespace lfkit::handlers::flows {
namespace {

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Python's int() on a short decimal string: optional surrounding blanks and sign.
std::optional<long long> parse_int(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 18) return std::nullopt;
  long long value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

}  // namespace

std::string unique_flow_name(std::string_view name, const std::vector<std::string>& existing) {
  if (!contains(existing, name)) return std::string(name);
  // Only exact "<name> (<digits>)" shapes count.
  std::optional<long long> highest;
  const std::string prefix = std::string(name) + " (";
  for (const auto& candidate : existing) {
    if (!candidate.starts_with(prefix) || !candidate.ends_with(")")) continue;
    std::string_view digits(candidate);
    digits = digits.substr(prefix.size(), digits.size() - prefix.size() - 1);
    if (digits.empty() ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    if (digits.size() > 18) continue;
    long long n = std::stoll(std::string(digits));
    if (!highest || n > *highest) highest = n;
  }
  return prefix + std::to_string(highest ? *highest + 1 : 1) + ")";
}

std::string unique_endpoint_name(std::string_view endpoint,
                                 const std::vector<std::string>& existing) {
  if (!contains(existing, endpoint)) return std::string(endpoint);
  std::optional<long long> highest;
  const std::string prefix = std::string(endpoint) + "-";
  for (const auto& candidate : existing) {
    if (!candidate.starts_with(prefix)) continue;
    auto tail = std::string_view(candidate).substr(candidate.rfind('-') + 1);
    auto n = parse_int(tail);
    if (n && (!highest || *n > *highest)) highest = n;
  }
  return prefix + std::to_string(highest ? *highest + 1 : 1);
}

std::string unique_project_name(std::string_view name, const std::vector<std::string>& existing) {
  if (!contains(existing, name)) return std::string(name);
  std::optional<long long> highest;
  for (const auto& candidate : existing) {
    if (!candidate.starts_with(name)) continue;
    auto open = candidate.rfind('(');
    if (open == std::string::npos) continue;
    auto inside = std::string_view(candidate).substr(open + 1);
    inside = inside.substr(0, inside.find(')'));
    auto n = parse_int(inside);
    if (n && (!highest || *n > *highest)) highest = n;
  }
  return std::string(name) + " (" + std::to_string(highest ? *highest + 1 : 1) + ")";
}

bool valid_endpoint_name(std::string_view endpoint) {
  if (endpoint.empty()) return false;
  return std::all_of(endpoint.begin(), endpoint.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

}  // namespace lfkit::handlers::flows
