#include "conformance/runner/cli_options.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace lfkit::conformance {
namespace {

template <typename T>
Expected<T, std::string> parse_number(std::string_view flag, std::string_view text) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return unexpected(std::string(flag) + " expects a number, got '" + std::string(text) + "'");
  }
  return value;
}

}  // namespace

std::string cli_help_text() {
  return R"(lfkit-conformance: check a Langflow-compatible server against spec/openapi.yaml

usage: lfkit-conformance --base-url URL [--api-key KEY | --username U --password P | --auto-login]
                         [--suite NAME...] [--operations PATTERN] [--junit FILE] [--json FILE]
                         [--seed N] [--timeout-ms N] [-- gtest flags]

credentials (pick one; without any, only public operations and refusals are checked):
  --api-key KEY               send KEY as x-api-key
  --username U --password P   log in through POST /api/v1/login
  --auto-login                take a token from GET /api/v1/auto_login
options:
  --suite NAME...             run only these suites (repeatable, or several names after one
                              --suite, or comma separated): schema, stateful, auth,
                              negative, execution, streaming, properties
  --operations PATTERN        only operationIds matching PATTERN: comma separated globs
                              ('*flow*,get_version'); '!glob' excludes ('!*flow*');
                              '@FILE' reads more globs from FILE, one per line
  --junit FILE                write a JUnit XML report (one testcase per check)
  --json FILE                 write a JSON report
  --seed N                    RapidCheck seed for the properties suite
  --timeout-ms N              per-request timeout (default 15000)
  --help                      this text
output: one progress line per check group while running, every failure with a curl
        reproducer, expected vs actual and the spec location, then a table with one row
        per operation (pass/fail/skip and why) and the share of spec operations exercised.
exit codes: 0 all checks passed, 1 failures found, 2 target unreachable,
            3 credentials rejected, 64 bad command line
)";
}

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool operation_selected(const CliOptions& options, std::string_view operation_id) {
  auto matches = [&](const std::vector<std::string>& globs) {
    return std::any_of(globs.begin(), globs.end(),
                       [&](const std::string& g) { return glob_match(g, operation_id); });
  };
  if (!options.include_globs.empty() && !matches(options.include_globs)) return false;
  return !matches(options.exclude_globs);
}

Expected<void, std::string> add_operation_patterns(CliOptions& options, std::string_view value) {
  std::string text(value);
  for (char& c : text) {
    if (c == ',' || c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    if (word.starts_with("@")) {
      std::ifstream file(word.substr(1));
      if (!file) return unexpected("--operations: cannot read " + word.substr(1));
      std::stringstream content;
      content << file.rdbuf();
      if (auto nested = add_operation_patterns(options, content.str()); !nested) return nested;
    } else if (word.starts_with("!")) {
      if (word.size() > 1) options.exclude_globs.push_back(word.substr(1));
    } else {
      options.include_globs.push_back(word);
    }
  }
  return {};
}

Expected<CliOptions, std::string> parse_cli(const std::vector<std::string>& args) {
  CliOptions out;
  auto set_mode = [&](CredentialMode mode) -> bool {
    if (out.credentials != CredentialMode::none && out.credentials != mode) return false;
    out.credentials = mode;
    return true;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--") {
      out.gtest_args.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (flag == "--help" || flag == "-h") {
      out.help = true;
      continue;
    }
    if (flag == "--auto-login") {
      if (!set_mode(CredentialMode::auto_login)) {
        return unexpected(
            std::string("choose one of --api-key, --username/--password, --auto-login"));
      }
      continue;
    }
    if (flag.rfind("--gtest_", 0) == 0) {
      out.gtest_args.push_back(flag);
      continue;
    }
    if (i + 1 >= args.size()) return unexpected(flag + " needs a value (see --help)");
    const std::string& value = args[++i];
    if (flag == "--base-url") {
      out.base_url = value;
    } else if (flag == "--api-key") {
      if (!set_mode(CredentialMode::api_key)) {
        return unexpected(
            std::string("choose one of --api-key, --username/--password, --auto-login"));
      }
      out.api_key = value;
    } else if (flag == "--username" || flag == "--password") {
      if (!set_mode(CredentialMode::password)) {
        return unexpected(
            std::string("choose one of --api-key, --username/--password, --auto-login"));
      }
      (flag == "--username" ? out.username : out.password) = value;
    } else if (flag == "--suite") {
      // --suite a,b  |  --suite a b  |  --suite a --suite b
      auto add = [&](const std::string& names) {
        std::string rest = names;
        std::replace(rest.begin(), rest.end(), ',', ' ');
        std::istringstream words(rest);
        for (std::string w; words >> w;) out.suites.push_back(w);
      };
      add(value);
      while (i + 1 < args.size() && !args[i + 1].starts_with("-")) add(args[++i]);
    } else if (flag == "--operations") {
      out.operations_pattern += (out.operations_pattern.empty() ? "" : ",") + value;
      if (auto added = add_operation_patterns(out, value); !added) return unexpected(added.error());
    } else if (flag == "--junit") {
      out.junit_path = value;
    } else if (flag == "--json") {
      out.json_path = value;
    } else if (flag == "--seed") {
      auto n = parse_number<std::uint32_t>(flag, value);
      if (!n) return unexpected(n.error());
      out.seed = *n;
    } else if (flag == "--timeout-ms") {
      auto n = parse_number<int>(flag, value);
      if (!n) return unexpected(n.error());
      if (*n <= 0) return unexpected(std::string("--timeout-ms must be positive"));
      out.timeout_ms = *n;
    } else {
      return unexpected("unknown option " + flag + " (see --help)");
    }
  }
  if (out.help) return out;
  if (out.base_url.empty()) return unexpected(std::string("--base-url is required (see --help)"));
  if (out.credentials == CredentialMode::password &&
      (out.username.empty() || out.password.empty())) {
    return unexpected(std::string("--username and --password go together"));
  }
  static const std::vector<std::string> kSuites = {
      "schema", "stateful", "auth", "negative", "execution", "streaming", "properties"};
  for (const auto& s : out.suites) {
    if (std::find(kSuites.begin(), kSuites.end(), s) == kSuites.end()) {
      return unexpected("unknown suite '" + s + "' (see --help)");
    }
  }
  return out;
}

}  // namespace lfkit::conformance
