// Objects the positive checks need (flows, projects, users, variables, keys,
// files, messages, build jobs), made through the target's own API on first
// use and removed when the run ends. Every object has a unique name, so a run
// holds on a server that already has data. A `fresh_*` object is made for one
// destructive operation, so the run never deletes anything it did not make.
// Each getter returns the value or the setup step that failed.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "common/expected.hpp"
#include "conformance/runner/suite_context.hpp"

namespace lfkit::conformance {

using Setup = Expected<std::string, std::string>;  // value, or "setup: <step> answered ..."

class Fixtures {
 public:
  explicit Fixtures(SuiteContext& ctx) : ctx_(ctx) {}
  ~Fixtures();  // removes what it made (the context's cleanup calls it too)
  Fixtures(const Fixtures&) = delete;
  Fixtures& operator=(const Fixtures&) = delete;

  Setup flow();         // the echo flow (ChatInput -> ChatOutput), private
  Setup public_flow();  // the echo flow with access_type PUBLIC
  Setup fresh_flow();
  Setup flow_name();  // the echo flow's name
  Setup project();
  Setup fresh_project();
  Setup variable();
  Setup fresh_variable();
  Setup fresh_api_key();
  Setup user();  // an ordinary user the run made (inactive until patched)
  Setup fresh_user();
  Setup flow_file(bool image = false);  // v1 file name stored under flow()
  Setup fresh_flow_file();
  Setup user_file();  // v2 file id
  Setup fresh_user_file();
  Setup message();        // id of a message stored by a run of flow()
  Setup fresh_session();  // a session holding one run's messages of flow()
  Setup fresh_message();  // a message in its own session
  Setup build_job();      // job id of a build of flow()
  Setup public_build_job();
  Setup profile_picture();  // "folder/file" of a listed profile picture

  // Removes everything made so far (latest first).
  void remove_all();
  // Sends `request` (with the run's credentials) when the run ends.
  void on_cleanup(HttpRequest request);
  Setup trace();         // id of a trace of flow() (after a run)
  Setup workflow_job();  // job id of a background v2 workflow run of flow()

  // Sends `request` with the run's credentials (API key for api-key routes).
  Exchange send_as_run(HttpRequest request, bool api_key = false);

 private:
  Setup memo(const std::string& key, const std::function<Setup()>& make);
  Setup make_flow(const nlohmann::json& extra);
  Setup make_project();
  Setup make_variable();
  Setup make_user();
  Setup make_flow_file(bool image);
  Setup make_user_file();
  Setup make_session(const std::string& session);
  Setup make_build(bool is_public);
  // "setup: <step> answered <status> <excerpt>" or the network error.
  static std::string failed(const std::string& step, const Exchange& exchange);

  SuiteContext& ctx_;
  std::map<std::string, std::string> made_;  // memoized shared objects
  std::vector<HttpRequest> cleanup_;         // run in reverse order
};

// The run's fixtures (made on first use; removed by SuiteContext::cleanup).
Fixtures& run_fixtures();

}  // namespace lfkit::conformance
