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
                         [--baseline FILE [--strict-baseline]] [--write-baseline FILE]
                         [--allow-unimplemented] [--seed N] [--timeout-ms N] [-- gtest flags]
every --flag VALUE may also be written --flag=VALUE.

credentials (pick one; without any, secured operations cannot be judged and the run fails):
  --api-key KEY               send KEY as x-api-key (or set LFKIT_CONFORMANCE_API_KEY or
                              LANGFLOW_API_KEY, which keeps the key out of `ps`)
  --username U --password P   log in through POST /api/v1/login
  --auto-login                take a token from GET /api/v1/auto_login
options:
  --suite NAME...             run only these suites (repeatable, or several names after one
                              --suite, or comma separated): positive, schema, stateful, auth,
                              negative, execution, streaming, properties (positive and schema
                              share one request per operation and run together)
  --operations PATTERN        only operationIds matching PATTERN: comma separated globs
                              ('*flow*,get_version'); '!glob' excludes ('!*flow*');
                              '@FILE' reads more globs from FILE, one per line; a pattern that
                              selects no operation is a bad command line (exit 64)
  --allow-unimplemented       accept 501 (and 404/405 from a route the spec declares) to a
                              valid request; by default it fails as "not implemented"
  --baseline FILE             expected failures, one per line: <operationId> <suite>/<check>
                              # reason; listed failures are reported as known and do not fail
                              the run; listed entries that pass are reported for removal
  --strict-baseline           listed entries that no longer fail fail the run
  --write-baseline FILE       write this run's failures in the baseline format
  --junit FILE                write a JUnit XML report (one testcase per check)
  --json FILE                 write a JSON report
  --seed N                    RapidCheck seed for the properties suite
  --timeout-ms N              per-request timeout (default 15000)
  --version                   print the version
  --help                      this text
output: one progress line per check group while running, every failure with a curl
        reproducer (credentials redacted), expected vs actual and the spec location, then a
        table with one row per operation and one column per check family, and the
        implemented coverage: operations whose positive check passed / operations in the spec.
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

Expected<CliOptions, std::string> parse_cli(const std::vector<std::string>& args,
                                            EnvLookup environment) {
  CliOptions out;
  auto set_mode = [&](CredentialMode mode) -> bool {
    if (out.credentials != CredentialMode::none && out.credentials != mode) return false;
    out.credentials = mode;
    return true;
  };
  static const std::vector<std::string> kFlags = {
      "--help", "-h", "--version", "--auto-login", "--allow-unimplemented", "--strict-baseline"};
  static const std::vector<std::string> kValueFlags = {
      "--base-url", "--api-key", "--username", "--password",   "--suite",    "--operations",
      "--junit",    "--json",    "--seed",     "--timeout-ms", "--baseline", "--write-baseline"};
  auto known = [](const std::vector<std::string>& list, const std::string& flag) {
    return std::find(list.begin(), list.end(), flag) != list.end();
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    if (flag == "--") {
      out.gtest_args.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (flag.rfind("--gtest_", 0) == 0) {
      out.gtest_args.push_back(flag);
      continue;
    }
    // --flag=value is the same as --flag value.
    std::optional<std::string> inline_value;
    if (const auto eq = flag.find('='); flag.starts_with("--") && eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    if (known(kFlags, flag)) {
      if (inline_value) return unexpected(flag + " takes no value (see --help)");
      if (flag == "--help" || flag == "-h") out.help = true;
      if (flag == "--version") out.version = true;
      if (flag == "--allow-unimplemented") out.allow_unimplemented = true;
      if (flag == "--strict-baseline") out.strict_baseline = true;
      if (flag == "--auto-login" && !set_mode(CredentialMode::auto_login)) {
        return unexpected(
            std::string("choose one of --api-key, --username/--password, --auto-login"));
      }
      continue;
    }
    if (!known(kValueFlags, flag)) return unexpected("unknown option " + flag + " (see --help)");
    if (!inline_value && i + 1 >= args.size())
      return unexpected(flag + " needs a value (see --help)");
    const std::string value = inline_value ? *inline_value : args[++i];
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
      while (!inline_value && i + 1 < args.size() && !args[i + 1].starts_with("-")) add(args[++i]);
    } else if (flag == "--operations") {
      out.operations_pattern += (out.operations_pattern.empty() ? "" : ",") + value;
      if (auto added = add_operation_patterns(out, value); !added) return unexpected(added.error());
    } else if (flag == "--junit") {
      out.junit_path = value;
    } else if (flag == "--json") {
      out.json_path = value;
    } else if (flag == "--baseline") {
      out.baseline_path = value;
    } else if (flag == "--write-baseline") {
      out.write_baseline_path = value;
    } else if (flag == "--seed") {
      auto n = parse_number<std::uint32_t>(flag, value);
      if (!n) return unexpected(n.error());
      out.seed = *n;
    } else if (flag == "--timeout-ms") {
      auto n = parse_number<int>(flag, value);
      if (!n) return unexpected(n.error());
      if (*n <= 0) return unexpected(std::string("--timeout-ms must be positive"));
      out.timeout_ms = *n;
    }
  }
  if (out.help || out.version) return out;
  if (out.base_url.empty()) return unexpected(std::string("--base-url is required (see --help)"));
  if (out.credentials == CredentialMode::password &&
      (out.username.empty() || out.password.empty())) {
    return unexpected(std::string("--username and --password go together"));
  }
  // An API key from the environment keeps it out of `ps` and shell history.
  if (out.credentials == CredentialMode::none && environment) {
    for (const char* name : {"LFKIT_CONFORMANCE_API_KEY", "LANGFLOW_API_KEY"}) {
      const char* key = environment(name);
      if (key && *key) {
        out.credentials = CredentialMode::api_key;
        out.api_key = key;
        break;
      }
    }
  }
  if (out.strict_baseline && out.baseline_path.empty()) {
    return unexpected(std::string("--strict-baseline needs --baseline FILE"));
  }
  static const std::vector<std::string> kSuites = {
      "positive", "schema", "stateful", "auth", "negative", "execution", "streaming", "properties"};
  for (const auto& s : out.suites) {
    if (std::find(kSuites.begin(), kSuites.end(), s) == kSuites.end()) {
      return unexpected("unknown suite '" + s + "' (see --help)");
    }
  }
  return out;
}

}  // namespace lfkit::conformance
