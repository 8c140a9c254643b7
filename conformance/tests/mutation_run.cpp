// lfkit-conformance-mutate: proves the conformance runner catches one fault.
// It runs the runner twice: once straight against the target (the control,
// which must pass: exit 0) and once through a MutationProxy that applies the
// fault (which must be reported: exit 1, with at least one mutation applied).
//
// usage: lfkit-conformance-mutate --runner PATH --fault KIND [--on PREFIX]
//          [--field NAME] [--from STATUS --to STATUS] [--scripted-build-target]
//          [--skip-when-unexercised] -- RUNNER ARGS (including --base-url URL, unless scripted)
// --skip-when-unexercised: exit 77 (a ctest skip) instead of failing when the
// fault never applied, for faults on operations the target may not implement.
// KIND: drop_field, change_status, reorder_stream_events, skip_auth_check,
//       impersonate_first
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "conformance/net/http_client.hpp"
#include "mutation_proxy.hpp"
#include "scripted_build_target.hpp"

using namespace lfkit::conformance;
using namespace lfkit::conformance::testing;

namespace {

int run_runner(const std::string& runner, std::vector<std::string> args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(runner.c_str()));
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  const pid_t child = fork();
  if (child == 0) {
    execv(runner.c_str(), argv.data());
    std::perror("execv");
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::vector<std::string> with_base_url(std::vector<std::string> args, const std::string& url) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--base-url") {
      args[i + 1] = url;
      return args;
    }
  }
  args.insert(args.begin(), {"--base-url", url});
  return args;
}

std::string base_url_of(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--base-url") return args[i + 1];
  }
  return "";
}

// A valid credential for skip_auth_check: the target's auto-login token.
std::string auto_login_token(const std::string& base) {
  auto url = parse_base_url(base);
  if (!url) return "";
  HttpClient client(*url, {});
  auto r = client.send({"GET", "/api/v1/auto_login", {}, ""});
  if (!r || r->status != 200) return "";
  auto doc = nlohmann::json::parse(r->body, nullptr, false);
  return doc.is_object() ? doc.value("access_token", "") : "";
}

}  // namespace

int main(int argc, char** argv) {
  std::string runner, kind, prefix, field;
  int from = 0, to = 0;
  bool scripted = false;
  bool skip_when_unexercised = false;
  std::vector<std::string> runner_args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--") {
      runner_args.assign(argv + i + 1, argv + argc);
      break;
    }
    if (a == "--runner")
      runner = next();
    else if (a == "--fault")
      kind = next();
    else if (a == "--on")
      prefix = next();
    else if (a == "--field")
      field = next();
    else if (a == "--from")
      from = std::stoi(next());
    else if (a == "--to")
      to = std::stoi(next());
    else if (a == "--scripted-build-target")
      scripted = true;
    else if (a == "--skip-when-unexercised")
      skip_when_unexercised = true;
    else
      runner_args.push_back(a);  // the runner's own flags may come before "--"
  }
  std::unique_ptr<ScriptedHttpServer> target_server;
  if (scripted) {
    target_server = start_scripted_build_target();
    runner_args = with_base_url(runner_args, target_server->base_url());
  }
  const std::string target = base_url_of(runner_args);
  if (runner.empty() || kind.empty() || target.empty()) {
    std::cerr << "usage: lfkit-conformance-mutate --runner PATH --fault KIND [--on PREFIX] "
                 "[--field F] [--from N --to N] [--scripted-build-target] -- RUNNER ARGS\n";
    return 64;
  }
  Fault fault;
  if (kind == "drop_field")
    fault = Fault::drop(field);
  else if (kind == "change_status")
    fault = Fault::status(from, to);
  else if (kind == "reorder_stream_events")
    fault = Fault::reorder();
  else if (kind == "impersonate_first")
    fault = Fault::impersonate();
  else if (kind == "skip_auth_check") {
    const auto token = auto_login_token(target);
    if (token.empty()) {
      std::cerr << "cannot get a token from " << target << "/api/v1/auto_login\n";
      return 1;
    }
    fault = Fault::skip_auth("Authorization", "Bearer " + token);
  } else {
    std::cerr << "unknown fault " << kind << "\n";
    return 64;
  }
  fault.on(prefix);

  std::cout << "=== control run (no fault): must pass\n";
  const int control = run_runner(runner, runner_args);
  if (control != 0) {
    std::cout << "FAIL control run exited " << control << ": the target itself does not pass, "
              << "so a caught fault would prove nothing\n";
    return 1;
  }
  MutationProxy proxy(target, fault);
  std::cout << "=== mutated run: fault " << kind << (prefix.empty() ? "" : " on " + prefix)
            << " through " << proxy.base_url() << ": must report failures (exit 1)\n";
  const int mutated = run_runner(runner, with_base_url(runner_args, proxy.base_url()));
  const int applied = proxy.mutations_applied();
  std::cout << "mutation " << kind << ": applied " << applied << " time(s), runner exit " << mutated
            << "\n";
  if (applied == 0) {
    if (skip_when_unexercised) {
      std::cout << "SKIP the fault never applied: the target does not implement the operations "
                   "it acts on (see the control run's skips)\n";
      return 77;
    }
    std::cout << "FAIL the fault never applied: the suites do not exercise it\n";
    return 1;
  }
  if (mutated != 1) {
    std::cout << "FAIL the runner did not report the fault (exit " << mutated
              << ", expected 1 = failures found)\n";
    return 1;
  }
  std::cout << "CAUGHT: the runner reported the " << kind << " fault\n";
  return 0;
}
