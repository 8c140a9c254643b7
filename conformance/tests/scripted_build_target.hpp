// A scripted stand-in for the parts of a Langflow server the streaming
// suite's build checks use (health, auto-login, API key, whoami, flow
// create/delete, build start, build events by streaming/polling/direct),
// answering the echo flow's events in a correct order. Used when the
// reference server does not implement builds yet, so the reorder mutation
// still has a real stream to act on.
#pragma once

#include <memory>
#include <string>

#include "scripted_http_server.hpp"

namespace lfkit::conformance::testing {

std::unique_ptr<ScriptedHttpServer> start_scripted_build_target();

}  // namespace lfkit::conformance::testing
